package com.acme.geo

import kotlin.math.PI

/** A shape. */
@Serializable
data class Circle(val r: Double) : Shape {
    override fun area(): Double = PI * r * r

    companion object {
        fun unit() = Circle(1.0)
    }
}

interface Shape {
    fun area(): Double
}

enum class Color { RED, GREEN }

object Registry {
    fun register(s: Shape) {}
}

class Box {
    constructor(x: Int) {}
    fun open() {
        println("open")
    }
}

fun main() {
    println(Circle(2.0).area())
}
