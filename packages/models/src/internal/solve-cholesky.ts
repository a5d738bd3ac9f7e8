/**
 * Solves `matrix · x = vector` for a symmetric positive-definite `size` × `size` matrix
 * (row-major), in place: `matrix` is overwritten by its Cholesky factor and `vector` by `x`.
 * Returns false when the matrix is not positive definite.
 *
 * @example
 * ```ts
 * const vector = new Float64Array([2, 1]);
 * solveCholesky(new Float64Array([4, 0, 0, 1]), vector, 2); // vector is now [0.5, 1]
 * ```
 */
export function solveCholesky(matrix: Float64Array, vector: Float64Array, size: number): boolean {
  for (let column = 0; column < size; column++) {
    let diagonal = matrix[column * size + column]!;
    for (let inner = 0; inner < column; inner++) diagonal -= matrix[column * size + inner]! ** 2;
    if (!(diagonal > 0)) return false;
    const pivot = Math.sqrt(diagonal);
    matrix[column * size + column] = pivot;
    for (let row = column + 1; row < size; row++) {
      let value = matrix[row * size + column]!;
      for (let inner = 0; inner < column; inner++) value -= matrix[row * size + inner]! * matrix[column * size + inner]!;
      matrix[row * size + column] = value / pivot;
    }
  }
  for (let row = 0; row < size; row++) {
    let value = vector[row]!;
    for (let inner = 0; inner < row; inner++) value -= matrix[row * size + inner]! * vector[inner]!;
    vector[row] = value / matrix[row * size + row]!;
  }
  for (let row = size - 1; row >= 0; row--) {
    let value = vector[row]!;
    for (let inner = row + 1; inner < size; inner++) value -= matrix[inner * size + row]! * vector[inner]!;
    vector[row] = value / matrix[row * size + row]!;
  }
  return true;
}
