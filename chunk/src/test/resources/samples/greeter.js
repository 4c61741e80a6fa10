import fs from 'fs';
const path = require('path');

/**
 * Adds numbers.
 */
function add(a, b) {
  return a + b;
}

export class Greeter extends Base {
  constructor(name) {
    super();
    this.name = name;
  }

  // Says hello.
  greet() {
    return `hi ${this.name}`;
  }

  static create() { return new Greeter('x'); }
}

export const mul = (a, b) => a * b;

const handler = async function (req) {
  return req;
};

export default function main() {}

module.exports = { add };
