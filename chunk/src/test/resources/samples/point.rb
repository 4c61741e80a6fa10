require 'json'

# Geometry helpers.
module Geo
  # A point.
  class Point
    attr_reader :x

    def initialize(x)
      @x = x
    end

    # Distance.
    def dist(other)
      (x - other.x).abs
    end

    def self.origin
      new(0)
    end
  end
end

def helper(a)
  a * 2
end

puts helper(2)
