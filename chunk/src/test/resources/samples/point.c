#include <stdio.h>
#include "util.h"

#define MAX 10

/* A point. */
struct point {
    int x;
    int y;
};

typedef struct {
    int w;
} size_t2;

enum color { RED, GREEN };

union value { int i; float f; };

/**
 * Adds two numbers.
 */
static int add(int a, int b) {
    return a + b;
}

int *make(void) {
    return NULL;
}

int main(int argc, char **argv) {
    printf("%d\n", add(1, 2));
    return 0;
}
