"""Shapes and their areas."""
import math
from dataclasses import dataclass

UNIT = 1.0


@dataclass(frozen=True)
class Point:
    """A point in the plane."""

    x: float = 0.0
    y: float = 0.0

    def __init__(self, x, y):
        self.x = x
        self.y = y

    # Cached, because callers ask often.
    @property
    def norm(self) -> float:
        """Distance from the origin."""
        return math.hypot(self.x, self.y)

    class Builder:
        def build(self):
            return Point(0, 0)


async def area(radius):
    def square(v):
        return v * v
    return math.pi * square(radius)


if __name__ == "__main__":
    print(area(UNIT))
