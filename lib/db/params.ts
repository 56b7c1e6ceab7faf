/** Collects query parameters and hands out their placeholders ($1, $2, ...). */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, cast = ""): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}
