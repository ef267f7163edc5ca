/*
 * example.c — libtwinmath.so called from C through its header alone.
 *
 * Computes the worked examples of docs/linear-algebra.md, shows how a bad
 * input comes back (a status and a message in the caller's buffer), and
 * exits non-zero if any result is not what the mathematics says. `make test`
 * builds and runs it.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "libtwinmath.h"

static int failures = 0;

static void expect(const char *what, double got, double want, double tol) {
    int ok = fabs(got - want) <= tol;
    printf("%-28s %-12g %s\n", what, got, ok ? "ok" : "WRONG");
    if (!ok) failures++;
}

/* f(x, y) = x² + y², a tm_scalar_fn: ctx counts the calls, and a negative
 * count makes it fail (as a callback reports an error of its own). */
static int sum_of_squares(void *ctx, const double *x, int64_t n, double *out) {
    int *calls = ctx;
    if (*calls < 0) return 1;
    ++*calls;
    *out = 0;
    for (int64_t i = 0; i < n; i++) *out += x[i] * x[i];
    return 0;
}

int main(void) {
    char err[TM_ERRLEN];
    double a[3] = {1, 2, 3}, b[3] = {4, 5, 6}, r;

    if (tm_dot(a, 3, b, 3, &r, err, sizeof err) != TM_OK) {
        printf("tm_dot failed: %s\n", err);
        return 1;
    }
    expect("dot([1,2,3], [4,5,6])", r, 32, 0);

    double A[4] = {1, 2, 3, 4}, B[4] = {5, 6, 7, 8}, C[4];
    if (tm_matmul(A, 2, 2, B, 2, 2, C, NULL, err, sizeof err) != TM_OK) {
        printf("tm_matmul failed: %s\n", err);
        return 1;
    }
    expect("matmul C[0][0]", C[0], 19, 0);
    expect("matmul C[0][1]", C[1], 22, 0);
    expect("matmul C[1][0]", C[2], 43, 0);
    expect("matmul C[1][1]", C[3], 50, 0);

    if (tm_det(A, 2, 2, &r, NULL, err, sizeof err) != TM_OK) {
        printf("tm_det failed: %s\n", err);
        return 1;
    }
    expect("det([[1,2],[3,4]])", r, -2, 1e-15);

    double Ainv[4];
    if (tm_inv(A, 2, 2, Ainv, NULL, err, sizeof err) != TM_OK) {
        printf("tm_inv failed: %s\n", err);
        return 1;
    }
    expect("inv[0][0]", Ainv[0], -2, 1e-15);
    expect("inv[1][1]", Ainv[3], -0.5, 1e-15);

    /* The logarithm of a determinant beyond float64: det(1e-200·I₃) = 1e-600. */
    double T[9] = {1e-200, 0, 0, 0, 1e-200, 0, 0, 0, -1e-200}, sign, logabsdet;
    if (tm_slogdet(T, 3, 3, &sign, &logabsdet, NULL, err, sizeof err) != TM_OK) {
        printf("tm_slogdet failed: %s\n", err);
        return 1;
    }
    expect("slogdet sign", sign, -1, 0);
    expect("slogdet logabsdet", logabsdet, -600 * log(10.0), 1e-12);
    if (tm_cond(A, 2, 2, 1, &r, NULL, err, sizeof err) != TM_OK) {
        printf("tm_cond failed: %s\n", err);
        return 1;
    }
    expect("cond([[1,2],[3,4]], 1)", r, 21, 1e-13);

    /* A chain of products in the cheapest order: [1 2]·A·[5 6]ᵀ = 95. */
    double row[2] = {1, 2}, col[2] = {5, 6};
    const double *chain[3] = {row, A, col};
    int64_t dims[4] = {1, 2, 2, 1};
    if (tm_multi_dot(3, chain, dims, &r, NULL, err, sizeof err) != TM_OK) {
        printf("tm_multi_dot failed: %s\n", err);
        return 1;
    }
    expect("multi_dot", r, 95, 0);

    /* Eigenvalues: complex results as interleaved (re, im) doubles. The
     * source material's example [[2, 0], [0, 3]] has eigenvalues 2 and 3,
     * eigenvectors (1, 0) and (0, 1), all real. */
    double D[4] = {2, 0, 0, 3}, w[4], V[8];
    int all_real = 0;
    if (tm_eig(D, 2, 2, w, V, &all_real, NULL, err, sizeof err) != TM_OK) {
        printf("tm_eig failed: %s\n", err);
        return 1;
    }
    expect("eig w[0]", w[0], 2, 0);
    expect("eig w[1]", w[2], 3, 0);
    expect("eig V[0][0]", V[0], 1, 0);
    expect("eig V[1][1]", V[6], 1, 0);
    expect("eig all real", all_real, 1, 0);
    /* The rotation by 90 degrees: the complex pair -i, +i. */
    double R[4] = {0, -1, 1, 0};
    if (tm_eig(R, 2, 2, w, V, &all_real, NULL, err, sizeof err) != TM_OK) return 1;
    expect("eig rotation Im w[0]", w[1], -1, 1e-15);
    expect("eig rotation all real", all_real, 0, 0);

    /* A bad input: the status names the kind, the buffer holds the message. */
    int st = tm_dot(a, 3, b, 2, &r, err, sizeof err);
    printf("dot of lengths 3 and 2      status %d: %s\n", st, err);
    if (st != TM_ERR_SHAPE || strcmp(err, "dot: shape mismatch: lengths 3 and 2 differ") != 0) failures++;

    double S[4] = {1, 2, 2, 4};
    st = tm_inv(S, 2, 2, Ainv, NULL, err, sizeof err);
    printf("inv of a singular matrix    status %d: %s\n", st, err);
    if (st != TM_ERR_SINGULAR) failures++;

    /* A broken argument is reported, not a crash. */
    st = tm_dot(NULL, 3, b, 3, &r, err, sizeof err);
    printf("dot with a NULL pointer     status %d: %s\n", st, err);
    if (st != TM_ERR_INVALID) failures++;

    /* A small buffer gets a truncated, terminated message. */
    char small[8];
    st = tm_dot(a, 3, b, 2, &r, small, sizeof small);
    if (st != TM_ERR_SHAPE || strlen(small) != sizeof small - 1) failures++;

    /* Calculus with a C callback: the partial derivatives of x² + y² at (3, 4),
     * exact but for rounding, about 2u·25/h = 6e-10 (docs/calculus.md). */
    double p[2] = {3, 4}, g[2];
    int calls = 0;
    if (tm_gradient(sum_of_squares, &calls, p, 2, 1e-5, g, err, sizeof err) != TM_OK) {
        printf("tm_gradient failed: %s\n", err);
        return 1;
    }
    expect("df/dx of x^2+y^2 at (3,4)", g[0], 6, 1e-9);
    expect("df/dy of x^2+y^2 at (3,4)", g[1], 8, 1e-9);
    if (calls != 4) failures++;
    calls = -1;
    st = tm_gradient(sum_of_squares, &calls, p, 2, 1e-5, g, err, sizeof err);
    printf("gradient, failing callback  status %d: %s\n", st, err);
    if (st != TM_ERR_CALLBACK) failures++;

    /* An optimiser lives in Go behind a handle: two Momentum steps with
     * gradient 1 from w = 1 give 1 - 0.1, then - (0.9*0.1 + 0.1) = 0.71. */
    int64_t h;
    if (tm_momentum_new(0.1, 0.9, &h, err, sizeof err) != TM_OK) {
        printf("tm_momentum_new failed: %s\n", err);
        return 1;
    }
    double theta[1] = {1}, gw[1] = {1};
    double *params[1] = {theta};
    const double *grads[1] = {gw};
    int64_t shape[2] = {1, 1}; /* one array: 1 dimension, of length 1 */
    for (int i = 0; i < 2; i++) {
        if (tm_momentum_step(h, 1, params, shape, 2, 1, grads, shape, 2, err, sizeof err) != TM_OK) {
            printf("tm_momentum_step failed: %s\n", err);
            return 1;
        }
    }
    expect("momentum, two steps", theta[0], 0.71, 1e-15);
    tm_free(h);
    st = tm_momentum_step(h, 1, params, shape, 2, 1, grads, shape, 2, err, sizeof err);
    printf("step on a freed handle      status %d: %s\n", st, err);
    if (st != TM_ERR_INVALID) failures++;

    printf(failures ? "%d FAILED\n" : "all ok\n", failures);
    return failures != 0;
}
