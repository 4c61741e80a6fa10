package com.acme.geo

import scala.math.Pi

/** A shape. */
trait Shape {
  def area: Double
}

case class Circle(r: Double) extends Shape {
  def area: Double = Pi * r * r
}

object Circle {
  def unit(): Circle = Circle(1.0)
}

class Box(w: Int) {
  def this() = this(0)
  def open(): Unit = {
    println("open")
  }
}

enum Color {
  case Red, Green
}

def topLevel(x: Int): Int = x + 1
