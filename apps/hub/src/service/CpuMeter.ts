/** CPU of this process between two reads, percent of one core. */
export class CpuMeter {
  #usage = process.cpuUsage();
  #at = process.hrtime.bigint();

  /** Percent of one core used since the previous read (or since the meter was made). */
  read(): number {
    const usage = process.cpuUsage(this.#usage);
    const at = process.hrtime.bigint();
    const elapsedUs = Number(at - this.#at) / 1_000;
    this.#usage = process.cpuUsage();
    this.#at = at;
    if (elapsedUs <= 0) return 0;
    return ((usage.user + usage.system) / elapsedUs) * 100;
  }
}
