// Sucrase's parser as an ES module (the same files its `transform` uses in the browser build).
declare module 'sucrase/dist/esm/parser/index.js' {
  export { parse } from 'sucrase/dist/types/parser/index'
}
