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
/* *out = the ord-norm of the rows x cols matrix a: ord 1 (max column sum), 2
 * (largest singular value) or +INFINITY (max row sum). TM_ERR_INVALID for
 * another ord; TM_ERR_NO_CONVERGENCE if the singular values do not converge. */
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

/* ---- decomp ------------------------------------------------------------ */

/* For all of these: A is m x n and k = min(m, n) unless stated; TM_ERR_INVALID if A
 * is empty or holds NaN or Inf; TM_ERR_NO_CONVERGENCE if the Jacobi SVD needs more
 * than 30 sweeps (the SVD-based ones). Canonical forms: see docs/conventions.md. */

/* A = P·L·U with partial pivoting: p holds m x m, l m x k, u k x n values. */
int tm_lu(const double *a, int64_t m, int64_t n, double *p, double *l, double *u, char *err, size_t errlen);
/* Thin QR, A = Q·R with diag(R) >= 0: q holds m x k, r k x n values. */
int tm_qr(const double *a, int64_t m, int64_t n, double *q, double *r, char *err, size_t errlen);
/* A = L·Lᵀ from the lower triangle of A; l holds m x n values. TM_ERR_SHAPE unless
 * square; TM_ERR_NOT_POSITIVE_DEFINITE if a pivot is not positive. */
int tm_cholesky(const double *a, int64_t m, int64_t n, double *l, char *err, size_t errlen);
/* Thin SVD, A = U·diag(s)·Vt, s descending: u holds m x k, s k, vt k x n values. */
int tm_svd(const double *a, int64_t m, int64_t n, double *u, double *s, double *vt, char *err, size_t errlen);
/* The first k singular triplets and A_k = U_k·diag(s_k)·Vt_k: u holds m x k, s k,
 * vt k x n, ak m x n values. TM_ERR_INVALID unless 1 <= k <= min(m, n). */
int tm_truncated_svd(const double *a, int64_t m, int64_t n, int64_t k, double *u, double *s, double *vt, double *ak, char *err, size_t errlen);
/* dst = the pseudo-inverse of A, singular values <= rcond·s[0] counting as zero;
 * dst holds n x m values. TM_ERR_INVALID if rcond is negative or not finite. */
int tm_pinv(const double *a, int64_t m, int64_t n, double rcond, double *dst, char *err, size_t errlen);
/* dst = the minimum-norm least-squares solution X of A·X = B for B (mb x k),
 * singular values <= rcond·s[0] counting as zero (rcond < 0: max(m, n)·ε);
 * dst holds n x k values. TM_ERR_SHAPE if mb != m; TM_ERR_INVALID if A or B holds
 * NaN or Inf or rcond is not finite. */
int tm_lstsq(const double *a, int64_t m, int64_t n, const double *b, int64_t mb, int64_t k, double rcond, double *dst, char *err, size_t errlen);
/* *out = the number of singular values above s[0]·max(m, n)·ε. */
int tm_matrix_rank(const double *a, int64_t m, int64_t n, int64_t *out, char *err, size_t errlen);
/* PCA of x (rows samples, cols features) with k components: components holds
 * k x cols, explained k, projected rows x k values. TM_ERR_INVALID if x has fewer
 * than two rows or unless 1 <= k <= min(rows, cols). */
int tm_pca(const double *x, int64_t rows, int64_t cols, int64_t k, double *components, double *explained, double *projected, char *err, size_t errlen);

/* ---- nn ---------------------------------------------------------------- */

/* dst[i] = 1 / (1 + exp(-clip(x[i], -500, 500))); dst holds n values. */
int tm_sigmoid(const double *x, int64_t n, double *dst, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* LIBTWINMATH_H */
