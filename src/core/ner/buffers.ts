/** Score buffers reused from sentence to sentence (grown, never shrunk): a sentence's integer sums, then its emissions. */
export class EmissionBuffers {
  acc = new Int32Array(0);
  em = new Float32Array(0);

  /** Makes room for `size` scores (doubling, so a long article does not reallocate sentence after sentence). */
  fit(size: number): void {
    if (this.acc.length >= size) return;
    this.acc = new Int32Array(Math.max(size, this.acc.length * 2));
    this.em = new Float32Array(this.acc.length);
  }
}
