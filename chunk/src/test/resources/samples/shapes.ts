import { Foo } from './foo';

export interface Shape {
  area(): number;
}

export type Id = string | number;

export enum Color {
  Red,
  Green,
}

/** A circle. */
@Component({ selector: 'x' })
export class Circle implements Shape {
  private r: number;

  constructor(r: number) {
    this.r = r;
  }

  area(): number {
    return Math.PI * this.r ** 2;
  }
}

export function total(shapes: Shape[]): number {
  return shapes.reduce((s, x) => s + x.area(), 0);
}

export const double = (n: number): number => n * 2;

namespace Geo {
  export function dist(): number { return 0; }
}

abstract class Base {
  abstract run(): void;
}
