/** Imported only `with { type: 'text' }` (redoc-standalone.ts): the file's text, which esbuild inlines. */
declare module 'redoc/bundles/redoc.standalone.js' {
  const text: string;
  export default text;
}
