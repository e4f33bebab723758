/** rommer's version, as upstream servers see it in the User-Agent. */
export const rommerVersion = '0.1.0';
export const userAgent = `rommer/${rommerVersion} (+https://github.com/rommer-dats/rommer; DAT library updater)`;
