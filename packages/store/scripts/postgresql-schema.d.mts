export declare function toPostgresqlSchema(text: string): string;
