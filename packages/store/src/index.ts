// The public API of this package lands with its issue.
export {};
