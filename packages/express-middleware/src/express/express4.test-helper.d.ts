// Express 4, installed as the npm alias `express4` (a dev dependency) for the suite that runs
// against both majors of the peer range. What the tests call of it has Express 5's types.
declare module 'express4' {
  import express from 'express';

  export default express;
}
