#include <string>
#include <vector>

namespace geo {

/// A shape.
class Shape {
public:
    Shape() = default;
    virtual ~Shape() {}
    virtual double area() const = 0;
    int sides() const { return n_; }
private:
    int n_;
};

struct Point {
    double x, y;
    double len() const;
};

double Point::len() const {
    return x + y;
}

template <typename T>
T maxOf(T a, T b) {
    return a > b ? a : b;
}

enum class Color { Red, Green };

}  // namespace geo

int main() {
    return 0;
}
