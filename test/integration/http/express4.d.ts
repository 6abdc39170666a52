// The `express4` npm alias (express@4) ships no types; Express 5's are close enough for the tests.
declare module 'express4' {
  import express from 'express';
  export default express;
}
