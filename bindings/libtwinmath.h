/*
 * libtwinmath.h — the C interface of libtwinmath.so.
 *
 * This header is the contract. The Go exports in bindings/export_*.go are
 * compiled against it, so a prototype that disagrees with its export does not
 * build; the Python bindings (cffi) read their declarations from it.
 *
 * Conventions, for every function:
 *   - The return value is a status: TM_OK, or one of the TM_ERR_* codes.
 *   - On failure a NUL-terminated message is copied into err (at most errlen
 *     bytes, truncated if longer); on success err is left untouched. err may
 *     be NULL when errlen is 0. Each call has its own buffer: there is no
 *     process-wide "last error", and every function may be called from many
 *     threads at once.
 *   - Arrays are row-major float64; a matrix is (pointer, rows, cols). Inputs
 *     are const and never written. The caller allocates every output, of the
 *     size stated beside the function, and the library fills it during the
 *     call; no pointer is kept after the call returns. When a call fails the
 *     content of its outputs is unspecified.
 *   - Lengths are int64_t; a negative length, or a NULL pointer with a
 *     non-zero length, gives TM_ERR_INVALID.
 *   - A fault inside the library is reported as TM_ERR_INTERNAL; it never
 *     aborts the process.
 */
#ifndef LIBTWINMATH_H
#define LIBTWINMATH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes. */
#define TM_OK 0
#define TM_ERR_SHAPE 1                  /* shapes that do not fit */
#define TM_ERR_SINGULAR 2               /* singular matrix where an inverse is needed */
#define TM_ERR_NOT_POSITIVE_DEFINITE 3  /* matrix is not positive definite */
#define TM_ERR_NO_CONVERGENCE 4         /* iteration did not converge */
#define TM_ERR_INVALID 5                /* NaN/Inf to a factorisation, empty input, bad parameter */
#define TM_ERR_CALLBACK 6               /* a user callback reported an error */
#define TM_ERR_INTERNAL 99              /* a fault inside the library */

/* A message buffer of this size holds every message the library writes. */
#define TM_ERRLEN 512

/* The const double that the Go exports use for their inputs. */
typedef const double tm_cdouble;

/* ---- runtime ----------------------------------------------------------- */

/* The number of threads the Go runtime runs Go code on (GOMAXPROCS). */
int tm_gomaxprocs(void);

/* Handles. A stateful object (an optimiser, a random stream) lives in Go; its
 * tm_<kind>_new function gives the caller a positive int64_t handle, which the
 * object's other functions take, and tm_free releases it. A handle is never
 * reused: calling with a freed or unknown handle gives TM_ERR_INVALID. Calls
 * on one handle from several threads take turns. */

/* Release the object behind h. TM_ERR_INVALID if h is not live. */
int tm_free(int64_t h);
/* The number of live handles (to check that none leak). */
int64_t tm_live_handles(void);

/* ---- vectors ----------------------------------------------------------- */

/* dst[i] = a[i] + b[i]; dst holds na values. TM_ERR_SHAPE if na != nb. */
int tm_add(const double *a, int64_t na, const double *b, int64_t nb, double *dst, char *err, size_t errlen);
/* dst[i] = a[i] - b[i]; dst holds na values. TM_ERR_SHAPE if na != nb. */
int tm_subtract(const double *a, int64_t na, const double *b, int64_t nb, double *dst, char *err, size_t errlen);
/* dst[i] = c * v[i]; dst holds n values. */
int tm_scale(const double *v, int64_t n, double c, double *dst, char *err, size_t errlen);
/* *out = a·b. TM_ERR_SHAPE if na != nb. */
int tm_dot(const double *a, int64_t na, const double *b, int64_t nb, double *out, char *err, size_t errlen);
/* *out = the ord-norm of v, ord 1, 2 or +INFINITY. TM_ERR_INVALID for another ord. */
int tm_norm(const double *v, int64_t n, double ord, double *out, char *err, size_t errlen);
/* *out = the ord-norm of the rows x cols matrix a: ord 1 (max column sum) or
 * +INFINITY (max row sum). TM_ERR_INVALID for another ord. */
int tm_matrix_norm(const double *a, int64_t rows, int64_t cols, double ord, double *out, char *err, size_t errlen);
/* *out = the Frobenius norm of the rows x cols matrix a. */
int tm_frobenius_norm(const double *a, int64_t rows, int64_t cols, double *out, char *err, size_t errlen);
/* *out = a·b / (|a| |b|), 0 if either is the zero vector. TM_ERR_SHAPE if na != nb. */
int tm_cosine_similarity(const double *a, int64_t na, const double *b, int64_t nb, double *out, char *err, size_t errlen);
/* dst[i][j] = a[i] * b[j]; dst holds na x nb values. */
int tm_outer(const double *a, int64_t na, const double *b, int64_t nb, double *dst, char *err, size_t errlen);
/* dst = (a·onto / onto·onto) onto, zeros if onto is zero; dst holds na values.
 * TM_ERR_SHAPE if na != nonto. */
int tm_project(const double *a, int64_t na, const double *onto, int64_t nonto, double *dst, char *err, size_t errlen);

/* ---- linalg ------------------------------------------------------------ */

/* dst = A·B for A (m x n) and B (n2 x p); dst holds m x p values. TM_ERR_SHAPE if n != n2. */
int tm_matmul(const double *a, int64_t m, int64_t n, const double *b, int64_t n2, int64_t p, double *dst, char *err, size_t errlen);
/* dst = the transpose of A (m x n); dst holds n x m values. */
int tm_transpose(const double *a, int64_t m, int64_t n, double *dst, char *err, size_t errlen);
/* *out = the trace of A (m x n). TM_ERR_SHAPE unless m == n. */
int tm_trace(const double *a, int64_t m, int64_t n, double *out, char *err, size_t errlen);
/* *out = det(A), 0 for a singular A. TM_ERR_SHAPE unless square; TM_ERR_INVALID if empty or not finite. */
int tm_det(const double *a, int64_t m, int64_t n, double *out, char *err, size_t errlen);
/* dst = the inverse of A (m x n); dst holds m x n values. TM_ERR_SHAPE unless square;
 * TM_ERR_INVALID if empty or not finite; TM_ERR_SINGULAR for an exactly zero pivot. */
int tm_inv(const double *a, int64_t m, int64_t n, double *dst, char *err, size_t errlen);
/* dst = X solving A·X = B for A (m x n) and B (nb x k); dst holds nb x k values.
 * TM_ERR_SHAPE unless m == n == nb; TM_ERR_INVALID if empty or not finite;
 * TM_ERR_SINGULAR for an exactly zero pivot. */
int tm_solve(const double *a, int64_t m, int64_t n, const double *b, int64_t nb, int64_t k, double *dst, char *err, size_t errlen);

/* ---- nn ---------------------------------------------------------------- */

/* dst[i] = 1 / (1 + exp(-clip(x[i], -500, 500))); dst holds n values. */
int tm_sigmoid(const double *x, int64_t n, double *dst, char *err, size_t errlen);
/* dst[i] = s * (1 - s) with s the sigmoid of x[i]; dst holds n values. */
int tm_sigmoid_derivative(const double *x, int64_t n, double *dst, char *err, size_t errlen);
/* dst[i] = x[i] if x[i] > 0, else +0 (NaN stays NaN); dst holds n values. */
int tm_relu(const double *x, int64_t n, double *dst, char *err, size_t errlen);
/* dst[i] = tanh(x[i]); dst holds n values. */
int tm_tanh(const double *x, int64_t n, double *dst, char *err, size_t errlen);

/* The const int64_t that the Go exports use for shapes. */
typedef const int64_t tm_cint64;

/* dst = the softmax of x along axis: x is a row-major array of ndim
 * dimensions shape[0..ndim-1] (ndim 0: one value), axis counts from the end
 * when negative. dst holds as many values as x. TM_ERR_SHAPE for a negative
 * dimension; TM_ERR_INVALID for an axis out of range. */
int tm_softmax(const double *x, const int64_t *shape, int64_t ndim, int64_t axis, double *dst, char *err, size_t errlen);
/* The forward pass of a network with one hidden sigmoid layer:
 * z1 = x.w1 + b1, a1 = sigmoid(z1), z2 = a1.w2 + b2, a2 = sigmoid(z2), for x
 * (m x n), w1 (n1 x h), b1 (nb1), w2 (h2 x k), b2 (nb2). a1 and z1 hold m x h
 * values, a2 and z2 m x k. TM_ERR_SHAPE unless n1 == n, nb1 == h, h2 == h and
 * nb2 == k. */
int tm_forward_pass(const double *x, int64_t m, int64_t n, const double *w1, int64_t n1, int64_t h,
                    const double *b1, int64_t nb1, const double *w2, int64_t h2, int64_t k,
                    const double *b2, int64_t nb2, double *a1, double *a2, double *z1, double *z2,
                    char *err, size_t errlen);
/* The gradients of that network by backpropagation, averaged over the m rows
 * of x (m x n), given the targets y and a1, a2, z1, z2 of the forward pass,
 * w1 (n1 x h) and w2 (h2 x k). dw1 holds n1 x h values, db1 h, dw2 h2 x k,
 * db2 k. TM_ERR_SHAPE unless n1 == n, h2 == h, y, a2 and z2 are m x k and a1
 * and z1 m x h; TM_ERR_INVALID if m is 0. */
int tm_backward_pass(const double *x, int64_t m, int64_t n, const double *y, int64_t my, int64_t ky,
                     const double *a1, int64_t ma1, int64_t ha1, const double *a2, int64_t ma2, int64_t ka2,
                     const double *z1, int64_t mz1, int64_t hz1, const double *z2, int64_t mz2, int64_t kz2,
                     const double *w1, int64_t n1, int64_t h, const double *w2, int64_t h2, int64_t k,
                     double *dw1, double *db1, double *dw2, double *db2, char *err, size_t errlen);

/* ---- optim ------------------------------------------------------------- */

/* Optimisers live behind handles (see tm_free). tm_<kind>_new writes the
 * handle of a new optimiser to *handle; TM_ERR_INVALID for a learning rate
 * that is negative or not finite, a momentum or beta outside [0, 1), or an
 * epsilon that is not finite and positive.
 *
 * tm_<kind>_step updates the nparams parameter arrays params[i] in place from
 * the ngrads gradient arrays grads[i]. Their shapes are given one after the
 * other, each as its number of dimensions followed by the dimensions, in
 * pshapes (npshapes values in all) and gshapes (ngshapes values); every array
 * is row-major and holds the product of its dimensions. TM_ERR_SHAPE if
 * nparams != ngrads, if a grad's shape differs from its param's, or, for an
 * optimiser with state (momentum, adam), if the number or shapes of the
 * params differ from those of its first step; a failed step changes nothing.
 * TM_ERR_INVALID for a handle that is not live or of another kind. The
 * arrays must not overlap. */
int tm_sgd_new(double learning_rate, int64_t *handle, char *err, size_t errlen);
int tm_sgd_step(int64_t h, int64_t nparams, double **params, const int64_t *pshapes, int64_t npshapes,
                int64_t ngrads, const double **grads, const int64_t *gshapes, int64_t ngshapes,
                char *err, size_t errlen);
int tm_momentum_new(double learning_rate, double momentum, int64_t *handle, char *err, size_t errlen);
int tm_momentum_step(int64_t h, int64_t nparams, double **params, const int64_t *pshapes, int64_t npshapes,
                     int64_t ngrads, const double **grads, const int64_t *gshapes, int64_t ngshapes,
                     char *err, size_t errlen);
int tm_adam_new(double learning_rate, double beta1, double beta2, double epsilon, int64_t *handle,
                char *err, size_t errlen);
int tm_adam_step(int64_t h, int64_t nparams, double **params, const int64_t *pshapes, int64_t npshapes,
                 int64_t ngrads, const double **grads, const int64_t *gshapes, int64_t ngshapes,
                 char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* LIBTWINMATH_H */
