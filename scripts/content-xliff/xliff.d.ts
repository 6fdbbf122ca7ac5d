// The `xliff` package ships no types: the two functions used here, as its README documents them.
declare module 'xliff' {
  type Resources = Record<
    string,
    Record<
      string,
      { source?: unknown; target?: unknown; note?: unknown; additionalAttributes?: Record<string, unknown> }
    >
  >;
  type XliffJs = { sourceLanguage?: string; targetLanguage?: string; resources: Resources };
  const xliff: {
    /** With a callback, both run synchronously (the callback is called before they return). */
    js2xliff(js: XliffJs, options: { indent?: string }, callback: (error: Error | null, xml: string) => void): void;
    xliff2js(
      xml: string,
      options: { inlineAsString?: boolean },
      callback: (error: Error | null, js: XliffJs) => void,
    ): void;
  };
  export default xliff;
}
