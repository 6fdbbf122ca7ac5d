export declare const CSP_DIRECTIVES: Record<string, string[]>;
