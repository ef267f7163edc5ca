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
 *   - The long operations (those marked "cancellable") take a cancel flag
 *     just before err: NULL, or a pointer to an int32_t that the caller
 *     owns, holds 0 at the start, keeps alive until the call returns, and
 *     may set to 1 from any thread (or a signal handler) while the call
 *     runs. The library only reads it. Once it is set, the call stops
 *     within about 1 ms of work (its loops look at the flag after every
 *     few tens of microseconds of arithmetic) and returns
 *     TM_ERR_CANCELLED; its outputs then hold unspecified values and
 *     nothing of the call is left behind in the library. A call that
 *     finishes before it notices the flag succeeds.
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
#define TM_ERR_CANCELLED 7              /* the caller's cancel flag was set during the call */
#define TM_ERR_INTERNAL 99              /* a fault inside the library */

/* A message buffer of this size holds every message the library writes. */
#define TM_ERRLEN 512

/* The const double that the Go exports use for their inputs. */
typedef const double tm_cdouble;
/* The const char that the Go exports use for text inputs and for doubles
 * passed as bytes. */
typedef const char tm_cchar;
/* The cancel flag of a cancellable call: read by the library, written by
 * the caller (see the conventions above). */
typedef const int32_t tm_cflag;

/* ---- runtime ----------------------------------------------------------- */

/* The number of threads the Go runtime runs Go code on (GOMAXPROCS). */
int tm_gomaxprocs(void);
/* Limit the threads that one call runs its work on to n (n <= 0: no limit,
 * up to GOMAXPROCS) and return the previous limit (0 for none). The limit
 * is process-wide; results do not depend on it. */
int64_t tm_set_max_threads(int64_t n);
/* The number of threads a call may use now: GOMAXPROCS or the limit. */
int64_t tm_max_threads(void);

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
/* a·b for vectors passed as bytes: a and b each hold n doubles in the
 * machine's byte order, at any alignment (a Python bytes object passes
 * without a copy). Returns the product, or NaN if it cannot be computed
 * (n < 0); a caller that gets NaN asks tm_dot, which gives the same NaN or
 * the status and message. */
double tm_dot_bytes(tm_cchar *a, tm_cchar *b, int64_t n);
/* *out = the ord-norm of v, ord 1, 2 or +INFINITY. TM_ERR_INVALID for another ord. */
int tm_norm(const double *v, int64_t n, double ord, double *out, char *err, size_t errlen);
/* *out = the ord-norm of the rows x cols matrix a: ord 1 (max column sum), 2
 * (largest singular value) or +INFINITY (max row sum); -1, -2 and -INFINITY give
 * the smallest of the same. TM_ERR_INVALID for
 * another ord; TM_ERR_NO_CONVERGENCE if the singular values do not converge. Cancellable. */
int tm_matrix_norm(const double *a, int64_t rows, int64_t cols, double ord, double *out, tm_cflag *cancel, char *err, size_t errlen);
/* *out = the Frobenius norm of the rows x cols matrix a. */
int tm_frobenius_norm(const double *a, int64_t rows, int64_t cols, double *out, char *err, size_t errlen);
/* *out = a·b / (|a| |b|), 0 if either is the zero vector. TM_ERR_SHAPE if na != nb. */
int tm_cosine_similarity(const double *a, int64_t na, const double *b, int64_t nb, double *out, char *err, size_t errlen);
/* dst[i][j] = a[i] * b[j]; dst holds na x nb values. */
int tm_outer(const double *a, int64_t na, const double *b, int64_t nb, double *dst, char *err, size_t errlen);
/* dst = (a·onto / onto·onto) onto, zeros if onto is zero; dst holds na values.
 * TM_ERR_SHAPE if na != nonto. */
int tm_project(const double *a, int64_t na, const double *onto, int64_t nonto, double *dst, char *err, size_t errlen);
/* dst = a × b for 3-vectors; dst holds 3 values. TM_ERR_SHAPE unless na == nb == 3. */
int tm_cross(const double *a, int64_t na, const double *b, int64_t nb, double *dst, char *err, size_t errlen);
/* *out = the ord-norm of v for any ord: max|v[i]| (+INFINITY), min|v[i]| (-INFINITY), the
 * number of non-zero entries (0), else (sum |v[i]|^ord)^(1/ord). TM_ERR_INVALID for a NaN ord. */
int tm_vector_norm(const double *v, int64_t n, double ord, double *out, char *err, size_t errlen);
/* *out = the nuclear norm (sum of the singular values) of the rows x cols matrix a;
 * TM_ERR_NO_CONVERGENCE if the singular values do not converge. Cancellable. */
int tm_nuclear_norm(const double *a, int64_t rows, int64_t cols, double *out, tm_cflag *cancel, char *err, size_t errlen);

/* ---- stacks ------------------------------------------------------------ */
/* A stack is count packed m x n matrices (a C-contiguous (count, m, n) array);
 * one call does the whole batch, spread over the library's threads, and is
 * cancellable as a whole. An error message names the first failing matrix
 * ("(matrix i of the stack)"), the same whatever the number of threads. */

/* dst[i] = det(A_i) for count square m x n matrices; dst holds count values.
 * TM_ERR_SHAPE if m != n, TM_ERR_INVALID if a matrix holds NaN or Inf. Cancellable. */
int tm_det_stack(const double *a, int64_t count, int64_t m, int64_t n, double *dst, tm_cflag *cancel, char *err, size_t errlen);

/* sign[i], logabsdet[i] = slogdet(A_i) for count square m x n matrices; each holds count values.
 * TM_ERR_SHAPE if m != n, TM_ERR_INVALID if a matrix holds NaN or Inf. Cancellable. */
int tm_slogdet_stack(const double *a, int64_t count, int64_t m, int64_t n, double *sign, double *logabsdet, tm_cflag *cancel, char *err, size_t errlen);

/* dst_i = inv(A_i) for count square m x n matrices; dst holds count x m x n values.
 * TM_ERR_SHAPE if m != n, TM_ERR_INVALID if a matrix holds NaN or Inf,
 * TM_ERR_SINGULAR for the first singular matrix. Cancellable. */
int tm_inv_stack(const double *a, int64_t count, int64_t m, int64_t n, double *dst, tm_cflag *cancel, char *err, size_t errlen);

/* The pairs of a stack of ca matrices m x n and a stack of cb matrices: ca == cb, or one of
 * them is 1 and its single matrix pairs with every matrix of the other (numpy's broadcasting
 * of a leading 1); there are cb pairs when ca == 1, else ca. TM_ERR_SHAPE for other
 * counts. */

/* dst_i = solve(A_i, B_i) over the pairs of ca square m x n matrices A and cb nb x k
 * matrices B; dst holds pairs x nb x k values. TM_ERR_SHAPE if m != n, nb != m or the
 * counts do not pair, TM_ERR_INVALID if a matrix holds NaN or Inf, TM_ERR_SINGULAR for the
 * first singular A_i. Cancellable. */
int tm_solve_stack(const double *a, int64_t ca, int64_t m, int64_t n, const double *b, int64_t cb, int64_t nb, int64_t k, double *dst, tm_cflag *cancel, char *err, size_t errlen);

/* dst_i = A_i B_i over the pairs of ca m x n matrices A and cb n2 x p matrices B; dst holds
 * pairs x m x p values. TM_ERR_SHAPE if n != n2 or the counts do not pair. Cancellable. */
int tm_matmul_stack(const double *a, int64_t ca, int64_t m, int64_t n, const double *b, int64_t cb, int64_t n2, int64_t p, double *dst, tm_cflag *cancel, char *err, size_t errlen);

/* ---- linalg ------------------------------------------------------------ */

/* dst = A·B for A (m x n) and B (n2 x p); dst holds m x p values. TM_ERR_SHAPE if n != n2. Cancellable. */
int tm_matmul(const double *a, int64_t m, int64_t n, const double *b, int64_t n2, int64_t p, double *dst, tm_cflag *cancel, char *err, size_t errlen);
/* dst = the transpose of A (m x n); dst holds n x m values. */
int tm_transpose(const double *a, int64_t m, int64_t n, double *dst, char *err, size_t errlen);
/* *out = the trace of A (m x n). TM_ERR_SHAPE unless m == n. */
int tm_trace(const double *a, int64_t m, int64_t n, double *out, char *err, size_t errlen);
/* *out = the sum of the offset diagonal of A (m x n, any shape; numpy's trace(A, offset)):
 * A[i][i + offset] for offset >= 0, A[i - offset][i] below; 0 for a diagonal outside A. */
int tm_trace_offset(const double *a, int64_t m, int64_t n, int64_t offset, double *out, char *err, size_t errlen);
/* *out = det(A), 0 for a singular A. TM_ERR_SHAPE unless square; TM_ERR_INVALID if empty or not finite. Cancellable. */
int tm_det(const double *a, int64_t m, int64_t n, double *out, tm_cflag *cancel, char *err, size_t errlen);
/* dst = the inverse of A (m x n); dst holds m x n values. TM_ERR_SHAPE unless square;
 * TM_ERR_INVALID if empty or not finite; TM_ERR_SINGULAR for an exactly zero pivot.
 * Cancellable. */
int tm_inv(const double *a, int64_t m, int64_t n, double *dst, tm_cflag *cancel, char *err, size_t errlen);
/* dst = X solving A·X = B for A (m x n) and B (nb x k); dst holds nb x k values.
 * TM_ERR_SHAPE unless m == n == nb; TM_ERR_INVALID if empty or not finite;
 * TM_ERR_SINGULAR for an exactly zero pivot.
 * Cancellable. */
int tm_solve(const double *a, int64_t m, int64_t n, const double *b, int64_t nb, int64_t k, double *dst, tm_cflag *cancel, char *err, size_t errlen);
/* *sign, *logabsdet = the sign (1, -1, or 0 for a singular A) and log|det(A)| (-INFINITY
 * when singular) of A (m x n); 1, 0 for the empty 0 x 0 matrix. TM_ERR_SHAPE unless
 * square; TM_ERR_INVALID if not finite. Cancellable. */
int tm_slogdet(const double *a, int64_t m, int64_t n, double *sign, double *logabsdet, tm_cflag *cancel, char *err, size_t errlen);
/* *out = the condition number of A (m x n) in the norm of order p: 2 (s[0] / s[k-1]) or -2
 * (its inverse) for any m x n; 1, -1, +INFINITY or -INFINITY (|A|·|A^-1|) for square A.
 * +INFINITY for a singular A. TM_ERR_INVALID for another p, or if A is empty or not
 * finite; TM_ERR_SHAPE if p is not ±2 and A is not square; TM_ERR_NO_CONVERGENCE if
 * the singular values do not converge. Cancellable. */
int tm_cond(const double *a, int64_t m, int64_t n, double p, double *out, tm_cflag *cancel, char *err, size_t errlen);
/* *out = the condition number of the square A in the Frobenius norm; errors as tm_cond. Cancellable. */
int tm_cond_fro(const double *a, int64_t m, int64_t n, double *out, tm_cflag *cancel, char *err, size_t errlen);
/* *out = the condition number of the square A in the nuclear norm; errors as tm_cond. Cancellable. */
int tm_cond_nuc(const double *a, int64_t m, int64_t n, double *out, tm_cflag *cancel, char *err, size_t errlen);
/* dst = A^k for the square A (m x n) and any integer k (A^0 = I; k < 0 through the
 * inverse); dst holds m x n values. TM_ERR_SHAPE unless square; for k < 0,
 * TM_ERR_INVALID if A is not finite and TM_ERR_SINGULAR for an exactly zero pivot. Cancellable. */
int tm_matrix_power(const double *a, int64_t m, int64_t n, int64_t k, double *dst, tm_cflag *cancel, char *err, size_t errlen);
/* dst = arrays[0]·arrays[1]·…·arrays[count-1] in the cheapest order, matrix i being
 * dims[i] x dims[i+1] (dims holds count + 1 values); dst holds dims[0] x dims[count]
 * values. TM_ERR_INVALID if count < 2. Cancellable. */
int tm_multi_dot(int64_t count, const double **arrays, const int64_t *dims, double *dst, tm_cflag *cancel, char *err, size_t errlen);
/* dst = the offset diagonal of A (m x n): A[i][i + offset] (offset >= 0) or
 * A[i - offset][i]; dst holds length values. TM_ERR_SHAPE unless length is the
 * diagonal's length (0 for a diagonal outside A). */
int tm_diagonal(const double *a, int64_t m, int64_t n, int64_t offset, double *dst, int64_t length, char *err, size_t errlen);
/* dst = the transpose of A (m x n), as tm_transpose; dst holds n x m values. */
int tm_matrix_transpose(const double *a, int64_t m, int64_t n, double *dst, char *err, size_t errlen);

/* ---- eigen ------------------------------------------------------------- */

/* Eigenvalues and eigenvectors of the symmetric matrix whose lower triangle is
 * that of A (m x n; the upper triangle is not read). w holds m doubles, the
 * eigenvalues ascending; v holds m x m doubles, column j the unit eigenvector
 * of w[j] with its largest component positive. TM_ERR_SHAPE unless m == n;
 * TM_ERR_INVALID if empty or not finite; TM_ERR_NO_CONVERGENCE if the
 * iteration fails.
 * Cancellable. */
int tm_eigh(const double *a, int64_t m, int64_t n, double *w, double *v, tm_cflag *cancel, char *err, size_t errlen);
/* Eigenvalues and right eigenvectors of the general matrix A (m x n). The
 * results are complex, stored as interleaved (real, imaginary) doubles, the
 * layout of C99 double complex and of numpy's complex128: w holds m complex
 * values (2m doubles), sorted by real part, then imaginary part; v holds m x m
 * complex values (2m² doubles), column j the unit eigenvector of w[j] with its
 * largest component real and positive. *all_real is set to 1 when every
 * eigenvalue has an imaginary part of exactly 0 (then so do the
 * eigenvectors), else 0. TM_ERR_SHAPE unless m == n; TM_ERR_INVALID if empty
 * or not finite; TM_ERR_NO_CONVERGENCE if the QR iteration fails.
 * Cancellable. */
int tm_eig(const double *a, int64_t m, int64_t n, double *w, double *v, int *all_real, tm_cflag *cancel, char *err, size_t errlen);
/* The eigenvalues of A (m x n) alone, as tm_eig's w (2m doubles) and *all_real; none
 * for the empty 0 x 0 matrix. TM_ERR_SHAPE unless m == n; TM_ERR_INVALID if not
 * finite; TM_ERR_NO_CONVERGENCE if the QR iteration fails. Cancellable. */
int tm_eigvals(const double *a, int64_t m, int64_t n, double *w, int *all_real, tm_cflag *cancel, char *err, size_t errlen);
/* The eigenvalues alone of the symmetric matrix whose lower triangle is that of A,
 * ascending, as tm_eigh's w (m doubles); errors as tm_eigvals. Cancellable. */
int tm_eigvalsh(const double *a, int64_t m, int64_t n, double *w, tm_cflag *cancel, char *err, size_t errlen);

/* ---- decomp ------------------------------------------------------------ */

/* For all of these: A is m x n and k = min(m, n) unless stated; TM_ERR_INVALID if A
 * is empty or holds NaN or Inf; TM_ERR_NO_CONVERGENCE if the Jacobi SVD needs more
 * than 30 sweeps (the SVD-based ones). Canonical forms: see docs/conventions.md. */

/* A = P·L·U with partial pivoting: p holds m x m, l m x k, u k x n values. Cancellable. */
int tm_lu(const double *a, int64_t m, int64_t n, double *p, double *l, double *u, tm_cflag *cancel, char *err, size_t errlen);
/* Thin QR, A = Q·R with diag(R) >= 0: q holds m x k, r k x n values. Cancellable. */
int tm_qr(const double *a, int64_t m, int64_t n, double *q, double *r, tm_cflag *cancel, char *err, size_t errlen);
/* Complete QR (numpy's mode='complete'), A = Q·R with Q m x m orthogonal, R m x n, and
 * diag(R) >= 0: q holds m x m, r m x n values. Q's first k columns are tm_qr's; for m > n
 * its last m - k are those of the Householder product (docs/conventions.md). Cancellable. */
int tm_qr_complete(const double *a, int64_t m, int64_t n, double *q, double *r, tm_cflag *cancel, char *err, size_t errlen);
/* Householder QR packed as numpy's mode='raw' (LAPACK's dgeqrf, transposed): h holds
 * n x m values (R on and left of h's diagonal, the reflectors' tails right of it),
 * tau k values (dlarfg's convention). Cancellable. */
int tm_qr_raw(const double *a, int64_t m, int64_t n, double *h, double *tau, tm_cflag *cancel, char *err, size_t errlen);
/* A = L·Lᵀ from the lower triangle of A; l holds m x n values. TM_ERR_SHAPE unless
 * square; TM_ERR_NOT_POSITIVE_DEFINITE if a pivot is not positive.
 * Cancellable. */
int tm_cholesky(const double *a, int64_t m, int64_t n, double *l, tm_cflag *cancel, char *err, size_t errlen);
/* Thin SVD, A = U·diag(s)·Vt, s descending: u holds m x k, s k, vt k x n values. Cancellable. */
int tm_svd(const double *a, int64_t m, int64_t n, double *u, double *s, double *vt, tm_cflag *cancel, char *err, size_t errlen);
/* Full SVD (numpy's full_matrices=True): u holds m x m, s k, vt n x n values; the first k
 * columns of U and rows of Vt are tm_svd's, the others complete them to orthogonal
 * matrices (docs/conventions.md). Cancellable. */
int tm_svd_full(const double *a, int64_t m, int64_t n, double *u, double *s, double *vt, tm_cflag *cancel, char *err, size_t errlen);
/* The first k singular triplets and A_k = U_k·diag(s_k)·Vt_k: u holds m x k, s k,
 * vt k x n, ak m x n values. TM_ERR_INVALID unless 1 <= k <= min(m, n).
 * Cancellable. */
int tm_truncated_svd(const double *a, int64_t m, int64_t n, int64_t k, double *u, double *s, double *vt, double *ak, tm_cflag *cancel, char *err, size_t errlen);
/* dst = the pseudo-inverse of A, singular values <= rcond·s[0] counting as zero;
 * dst holds n x m values. TM_ERR_INVALID if rcond is negative or not finite, or
 * if an entry of the pseudo-inverse lies beyond the float range.
 * Cancellable. */
int tm_pinv(const double *a, int64_t m, int64_t n, double rcond, double *dst, tm_cflag *cancel, char *err, size_t errlen);
/* dst = the minimum-norm least-squares solution X of A·X = B for B (mb x k),
 * singular values <= rcond·s[0] counting as zero (rcond < 0: max(m, n)·ε);
 * dst holds n x k values. TM_ERR_SHAPE if mb != m; TM_ERR_INVALID if A or B holds
 * NaN or Inf, rcond is not finite, or an entry of X lies beyond the float range.
 * Cancellable. */
int tm_lstsq(const double *a, int64_t m, int64_t n, const double *b, int64_t mb, int64_t k, double rcond, double *dst, tm_cflag *cancel, char *err, size_t errlen);
/* *out = the number of singular values above s[0]·max(m, n)·ε. Cancellable. */
int tm_matrix_rank(const double *a, int64_t m, int64_t n, int64_t *out, tm_cflag *cancel, char *err, size_t errlen);
/* The singular values of A (m x n) alone, descending: s holds min(m, n) values (none
 * for an empty A, which is accepted). TM_ERR_INVALID if not finite. Cancellable. */
int tm_svdvals(const double *a, int64_t m, int64_t n, double *s, tm_cflag *cancel, char *err, size_t errlen);
/* PCA of x (rows samples, cols features) with k components: components holds
 * k x cols, explained k, projected rows x k values. TM_ERR_INVALID if x has fewer
 * than two rows or unless 1 <= k <= min(rows, cols).
 * Cancellable. */
int tm_pca(const double *x, int64_t rows, int64_t cols, int64_t k, double *components, double *explained, double *projected, tm_cflag *cancel, char *err, size_t errlen);

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
 * nb2 == k. Cancellable. */
int tm_forward_pass(const double *x, int64_t m, int64_t n, const double *w1, int64_t n1, int64_t h,
                    const double *b1, int64_t nb1, const double *w2, int64_t h2, int64_t k,
                    const double *b2, int64_t nb2, double *a1, double *a2, double *z1, double *z2,
                    tm_cflag *cancel, char *err, size_t errlen);
/* The gradients of that network by backpropagation, averaged over the m rows
 * of x (m x n), given the targets y and a1, a2, z1, z2 of the forward pass,
 * w1 (n1 x h) and w2 (h2 x k). dw1 holds n1 x h values, db1 h, dw2 h2 x k,
 * db2 k. TM_ERR_SHAPE unless n1 == n, h2 == h, y, a2 and z2 are m x k and a1
 * and z1 m x h; TM_ERR_INVALID if m is 0. Cancellable. */
int tm_backward_pass(const double *x, int64_t m, int64_t n, const double *y, int64_t my, int64_t ky,
                     const double *a1, int64_t ma1, int64_t ha1, const double *a2, int64_t ma2, int64_t ka2,
                     const double *z1, int64_t mz1, int64_t hz1, const double *z2, int64_t mz2, int64_t kz2,
                     const double *w1, int64_t n1, int64_t h, const double *w2, int64_t h2, int64_t k,
                     double *dw1, double *db1, double *dw2, double *db2, tm_cflag *cancel, char *err, size_t errlen);

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

/* ---- stats ------------------------------------------------------------- */

/* *out = the mean of the n values at x. TM_ERR_INVALID if n == 0. */
int tm_mean(const double *x, int64_t n, double *out, char *err, size_t errlen);
/* dst = the means of A (rows x cols) along axis: 0 (or -2) per column, ndst == cols;
 * 1 (or -1) per row, ndst == rows. TM_ERR_SHAPE for another ndst; TM_ERR_INVALID for
 * another axis or no values along it. */
int tm_mean_axis(const double *a, int64_t rows, int64_t cols, int64_t axis, double *dst, int64_t ndst, char *err, size_t errlen);
/* *out = sum((x[i] - mean)^2) / (n - ddof), by the two-pass algorithm.
 * TM_ERR_INVALID if n == 0, ddof < 0 or ddof >= n. */
int tm_variance(const double *x, int64_t n, int64_t ddof, double *out, char *err, size_t errlen);
/* dst = the variances of A along axis, as tm_mean_axis and tm_variance. */
int tm_variance_axis(const double *a, int64_t rows, int64_t cols, int64_t ddof, int64_t axis, double *dst, int64_t ndst, char *err, size_t errlen);
/* *out = sqrt of tm_variance; the same errors. */
int tm_std(const double *x, int64_t n, int64_t ddof, double *out, char *err, size_t errlen);
/* dst = the standard deviations of A along axis, as tm_variance_axis. */
int tm_std_axis(const double *a, int64_t rows, int64_t cols, int64_t ddof, int64_t axis, double *dst, int64_t ndst, char *err, size_t errlen);
/* dst = the covariance matrix of X (rows = samples, cols = variables); dst holds
 * cols x cols values. TM_ERR_INVALID if rows == 0 < cols, ddof < 0 or ddof >= rows. Cancellable. */
int tm_covariance(const double *x, int64_t rows, int64_t cols, int64_t ddof, double *dst, tm_cflag *cancel, char *err, size_t errlen);
/* xn = (X - mean) / std column by column (rows x cols values), mean and std hold cols
 * values each (population std; 1 for a column whose values are all equal, whose mean
 * is then that value). TM_ERR_INVALID if rows == 0 < cols. */
int tm_zscore(const double *x, int64_t rows, int64_t cols, double *xn, double *mean, double *std, char *err, size_t errlen);
/* *out = p_b_given_a * p_a / p_b. TM_ERR_INVALID unless all three are in [0, 1],
 * p_b > 0 and p_b_given_a * p_a does not exceed p_b. */
int tm_bayes(double p_b_given_a, double p_a, double p_b, double *out, char *err, size_t errlen);
/* *out = sum(values[i] * p[i]), p = probs normalised to sum 1. TM_ERR_SHAPE if
 * nv != np; TM_ERR_INVALID if probs is empty, not finite, negative somewhere or all 0. */
int tm_expectation(const double *values, int64_t nv, const double *probs, int64_t np, double *out, char *err, size_t errlen);
/* dst[i] = the N(mu, sigma^2) density at x[i]; dst holds n values.
 * TM_ERR_INVALID unless mu is finite and sigma positive and finite. */
int tm_normal_pdf(const double *x, int64_t n, double mu, double sigma, double *dst, char *err, size_t errlen);
/* dst[i] = the N(mu, sigma^2) CDF at x[i]; dst holds n values. Errors as tm_normal_pdf. */
int tm_normal_cdf(const double *x, int64_t n, double mu, double sigma, double *dst, char *err, size_t errlen);
/* dst[0], dst[1] = mean -+ z * s / sqrt(n), s the sample std (ddof 1), z the normal
 * quantile at (1 + level) / 2. TM_ERR_INVALID if n < 2 or level is not in (0, 1). */
int tm_confidence_interval(const double *x, int64_t n, double level, double *dst, char *err, size_t errlen);

/* ---- info -------------------------------------------------------------- */

/* Distributions are normalised to sum 1; TM_ERR_INVALID if one is empty, not finite,
 * negative somewhere or all 0, or if base is not positive, finite and other than 1. */

/* *out = -sum(p[i] log p[i]) in units of log base. */
int tm_entropy(const double *p, int64_t n, double base, double *out, char *err, size_t errlen);
/* *out = -sum(p[i] log q[i]), +INFINITY if some p[i] > 0 has q[i] == 0. TM_ERR_SHAPE if np != nq. */
int tm_cross_entropy(const double *p, int64_t np, const double *q, int64_t nq, double base, double *out, char *err, size_t errlen);
/* *out = sum(p[i] log(p[i] / q[i])), +INFINITY if some p[i] > 0 has q[i] == 0. TM_ERR_SHAPE if np != nq. */
int tm_kl_divergence(const double *p, int64_t np, const double *q, int64_t nq, double base, double *out, char *err, size_t errlen);
/* *out = the mutual information of the joint probability table (rows x cols). */
int tm_mutual_information(const double *joint, int64_t rows, int64_t cols, double base, double *out, char *err, size_t errlen);

/* ---- random ------------------------------------------------------------ */

/* A random stream (xoshiro256** seeded by SplitMix64, docs/conventions.md)
 * lives in Go behind a handle; release it with tm_free. Draws advance the
 * stream in order, so the same seed and the same calls give the same values
 * as twinmath.ref.Rng. */

/* *handle = a new stream started from seed (any 64-bit value). */
int tm_rng_new(uint64_t seed, int64_t *handle, char *err, size_t errlen);
/* dst = n uniform numbers in [0, 1). TM_ERR_INVALID for a bad handle. */
int tm_rng_random(int64_t h, double *dst, int64_t n, char *err, size_t errlen);
/* dst = n standard normal numbers (polar method). TM_ERR_INVALID for a bad handle. */
int tm_rng_normal(int64_t h, double *dst, int64_t n, char *err, size_t errlen);
/* dst = n uniform integers in [low, high). TM_ERR_INVALID if high <= low
 * (nothing is drawn) or for a bad handle. */
int tm_rng_integers(int64_t h, int64_t low, int64_t high, int64_t *dst, int64_t n, char *err, size_t errlen);
/* dst = a random permutation of 0 .. n-1; dst holds n values. TM_ERR_INVALID
 * if n < 0 or for a bad handle. */
int tm_rng_permutation(int64_t h, int64_t n, int64_t *dst, char *err, size_t errlen);

/* ---- logistic ---------------------------------------------------------- */

/* X (n_samples x n_features) and y (n_samples labels 0/1) = the two-class
 * data set of seed (docs/pipeline.md). TM_ERR_INVALID if n_samples < 2 or
 * n_features < 1. */
int tm_make_classification(int64_t n_samples, int64_t n_features, uint64_t seed, double *X, double *y, char *err, size_t errlen);
/* Split the rows of X (n x d) and y (ny values) at random: X_train holds
 * n_train x d values, X_test n_test x d, y_train n_train, y_test n_test, with
 * n_test = ceil(test_size * n) and n_train = n - n_test. TM_ERR_SHAPE if
 * ny != n or a buffer size is wrong; TM_ERR_INVALID if test_size is not in
 * (0, 1) or leaves no training row. */
int tm_train_test_split(const double *X, int64_t n, int64_t d, const double *y, int64_t ny, double test_size, uint64_t seed,
                        double *X_train, int64_t n_train, double *X_test, int64_t n_test, double *y_train, double *y_test,
                        char *err, size_t errlen);
/* Fit logistic regression to X (n x d) and y (ny labels 0/1) by gradient
 * descent: w holds d values, *b the bias, losses max_iter values.
 * TM_ERR_SHAPE if ny != n; TM_ERR_INVALID if n == 0, X is not finite, a label
 * is not 0 or 1, max_iter < 0, or learning_rate, l2 or l1 is negative or not
 * finite.
 * Cancellable. */
int tm_logistic_regression(const double *X, int64_t n, int64_t d, const double *y, int64_t ny, double learning_rate, int64_t max_iter,
                           double l2, double l1, uint64_t seed, double *w, double *b, double *losses, tm_cflag *cancel, char *err, size_t errlen);
/* dst[i] = sigmoid(X[i]·w + b) for X (n x d), w (nw values); dst holds n
 * values. TM_ERR_SHAPE if nw != d. */
int tm_predict_proba(const double *X, int64_t n, int64_t d, const double *w, int64_t nw, double b, double *dst, char *err, size_t errlen);
/* dst[i] = 1 if sigmoid(X[i]·w + b) > 0.5 else 0; dst holds n values.
 * TM_ERR_SHAPE if nw != d. */
int tm_predict(const double *X, int64_t n, int64_t d, const double *w, int64_t nw, double b, double *dst, char *err, size_t errlen);
/* *out = the fraction of i with y_true[i] == y_pred[i]. TM_ERR_SHAPE if
 * n != m; TM_ERR_INVALID if n == 0. */
int tm_accuracy(const double *y_true, int64_t n, const double *y_pred, int64_t m, double *out, char *err, size_t errlen);
/* ---- calculus ---------------------------------------------------------- */

/* The functions that the calculus operations differentiate are the caller's,
 * called back during the operation, on the calling thread, in a documented
 * order (see go/calculus.go). ctx is the caller's pointer, handed back
 * unchanged: keep per-call state there, not in globals, and calls from
 * several threads stay independent.
 *
 * tm_scalar_fn evaluates f: R^n -> R at the n doubles x (valid only during
 * the call), stores the value in *out and returns 0.
 *
 * tm_vector_fn evaluates f: R^n -> R^m at x, points *out at its m doubles
 * and stores m in *m, and returns 0. The m doubles are the callback's own
 * memory; they must stay valid until the callback is called again with the
 * same ctx or the operation returns, and the library copies what it needs.
 *
 * A callback that returns anything but 0 stops the operation, which returns
 * TM_ERR_CALLBACK (the callback keeps its own record of what went wrong).
 * The operations that take a step h return TM_ERR_INVALID unless h > 0 and
 * finite. */

typedef int (*tm_scalar_fn)(void *ctx, const double *x, int64_t n, double *out);
typedef int (*tm_vector_fn)(void *ctx, const double *x, int64_t n, const double **out, int64_t *m);

/* *out = (f(x + h) - f(x - h)) / (2h), f called with n = 1 at x + h, then x - h. */
int tm_derivative(tm_scalar_fn f, void *ctx, double x, double h, double *out, char *err, size_t errlen);
/* dst[i] = (f(x + h e_i) - f(x - h e_i)) / (2h); dst holds n values. */
int tm_gradient(tm_scalar_fn f, void *ctx, const double *x, int64_t n, double h, double *dst, char *err, size_t errlen);
/* dst = the m x n central-difference Jacobian of f at x; dst holds m x n values.
 * m is the caller's (the length of f(x), which the library does not evaluate):
 * f is called only at x +- h e_i. TM_ERR_SHAPE if f returns other than m values. */
int tm_jacobian(tm_vector_fn f, void *ctx, const double *x, int64_t n, double h, int64_t m, double *dst, char *err, size_t errlen);
/* dst = the n x n central-difference Hessian of f at x (2n^2 + 1 calls); dst holds n x n values. */
int tm_hessian(tm_scalar_fn f, void *ctx, const double *x, int64_t n, double h, double *dst, char *err, size_t errlen);
/* *out = the order-0, 1 or 2 Taylor expansion of f around x0, evaluated at x.
 * TM_ERR_SHAPE if n0 != n; TM_ERR_INVALID for another order. */
int tm_taylor(tm_scalar_fn f, void *ctx, const double *x0, int64_t n0, const double *x, int64_t n, int64_t order, double *out, char *err, size_t errlen);
/* Gradient descent from x0: history (rows x n, rows >= 1) receives x0 and then
 * one row per iterate, for at most min(max_iter, rows - 1) updates; *written
 * is the number of rows written, *stopped is 1 if the norm of the gradient
 * just used fell below tol. grad may be NULL: the central-difference gradient
 * of f (h = 1e-5) is used then; f may be NULL when grad is not. A run cut
 * short by rows continues exactly when called again from its last row with
 * the remaining max_iter. TM_ERR_INVALID for learning_rate < 0 or not finite,
 * max_iter < 0, tol < 0 or NaN, or both functions NULL; TM_ERR_SHAPE if grad
 * returns other than n values. */
int tm_gradient_descent(tm_scalar_fn f, tm_vector_fn grad, void *ctx, const double *x0, int64_t n,
                        double learning_rate, int64_t max_iter, double tol, double *history, int64_t rows,
                        int64_t *written, int *stopped, char *err, size_t errlen);
/* The derivative of the expression (nexpr bytes of UTF-8) with respect to
 * the variable (nvar bytes), as NUL-terminated text in dst. *len receives
 * the length of the result; it is written only if *len < dstlen, and a
 * caller with a shorter buffer calls again with one of *len + 1 bytes.
 * TM_ERR_INVALID for a parse error (the message gives the position), an
 * unknown function, or a variable that is not a name. */
int tm_symbolic_derivative(const char *expression, int64_t nexpr, const char *variable, int64_t nvar,
                           char *dst, size_t dstlen, size_t *len, char *err, size_t errlen);

/* ---- model files ------------------------------------------------------- */

/* The bytes of a model file, read only. */
typedef const uint8_t tm_cbyte;

/* The kinds of model a model file holds (docs/serving.md). */
#define TM_MODEL_LOGISTIC_REGRESSION 1  /* w (d values), b, mean and std (d values each) */
#define TM_MODEL_MLP 2                  /* W1 (d x h), b1 (h), W2 (h x k), b2 (k), mean and std (d each) */

/* Write the model file of a model into dst (cap bytes) and its length into
 * *len. For TM_MODEL_LOGISTIC_REGRESSION, w1 holds w (r1 values; c1 is
 * ignored), b1 the bias (nb1 == 1), and w2, b2 and activation are ignored;
 * for TM_MODEL_MLP the arrays are W1 (r1 x c1), b1, W2 (r2 x c2) and b2, and
 * activation is NUL-terminated text ("sigmoid"). A buffer of 8 bytes per value
 * and 4096 bytes more always suffices. TM_ERR_SHAPE if the arrays do not fit
 * together or dst is too small; TM_ERR_INVALID for another kind, an empty
 * model, NaN or Inf, a standard deviation that is not positive, or an
 * activation other than sigmoid. */
int tm_save_model(int kind, const double *w1, int64_t r1, int64_t c1, const double *b1, int64_t nb1,
                  const double *w2, int64_t r2, int64_t c2, const double *b2, int64_t nb2,
                  const double *mean, int64_t nmean, const double *std, int64_t nstd, const char *activation,
                  uint8_t *dst, int64_t cap, int64_t *len, char *err, size_t errlen);
/* Check the model file in data (n bytes) and give its *kind and its sizes:
 * dims[0] = d (the features), dims[1] = h and dims[2] = k for TM_MODEL_MLP
 * (1 and 1 for TM_MODEL_LOGISTIC_REGRESSION). TM_ERR_INVALID, with the
 * reason, for a file that is truncated, has trailing data, a bad magic, a bad
 * header, another format version, a wrong checksum, arrays that do not fit
 * together, NaN or Inf, or a standard deviation that is not positive. */
int tm_load_model_dims(const uint8_t *data, int64_t n, int *kind, int64_t *dims, char *err, size_t errlen);
/* Read the model file in data (n bytes) into arrays of the sizes
 * tm_load_model_dims gives: w1 (d x h; w for TM_MODEL_LOGISTIC_REGRESSION),
 * b1 (h; the bias), w2 (h x k) and b2 (k) (NULL for
 * TM_MODEL_LOGISTIC_REGRESSION), mean and std (d values each). The errors of
 * tm_load_model_dims. */
int tm_load_model(const uint8_t *data, int64_t n, double *w1, double *b1, double *w2, double *b2, double *mean, double *std,
                  char *err, size_t errlen);

/* Tensors: arrays of nd dimensions, C-ordered, of the shapes given (nd values each). */
/* dst = x solving tensordot(a, x, x.ndim) = b (numpy.linalg.tensorsolve): the naxes axes
 * of a listed in axes (NULL for none) moved to its end, x has the shape of a's last
 * dimensions and dst holds its ndst values. TM_ERR_SHAPE if a.size is not ndst² or b does not
 * hold ndst values; TM_ERR_INVALID for an axis out of range, NaN or Inf; TM_ERR_SINGULAR
 * for an exactly zero pivot. Cancellable. */
int tm_tensorsolve(const double *a, int64_t nda, const int64_t *ashape, const double *b, int64_t ndb, const int64_t *bshape,
                   const int64_t *axes, int64_t naxes, double *dst, int64_t ndst, tm_cflag *cancel, char *err, size_t errlen);
/* dst = the inverse of a over its first ind axes (numpy.linalg.tensorinv), of shape
 * ashape[ind:] + ashape[:ind]; dst holds a's values. TM_ERR_INVALID if ind < 1, a is
 * empty or not finite; TM_ERR_SHAPE unless prod(ashape[ind:]) == prod(ashape[:ind]);
 * TM_ERR_SINGULAR for an exactly zero pivot. Cancellable. */
int tm_tensorinv(const double *a, int64_t nda, const int64_t *ashape, int64_t ind, double *dst, int64_t ndst, tm_cflag *cancel, char *err, size_t errlen);
/* dst = numpy.tensordot(a, b, (axes_a, axes_b)), naxes pairs of axes (negative ones count
 * from the end); dst holds the values of the result, a's other dimensions then b's.
 * TM_ERR_SHAPE if paired axes differ in length; TM_ERR_INVALID for an axis out of range
 * or repeated. Cancellable. */
int tm_tensordot(const double *a, int64_t nda, const int64_t *ashape, const double *b, int64_t ndb, const int64_t *bshape,
                 const int64_t *axes_a, const int64_t *axes_b, int64_t naxes, double *dst, int64_t ndst, tm_cflag *cancel, char *err, size_t errlen);
/* dst = the ord-norms of the lanes along axis (negative counts from the end) of x, of nd
 * dimensions shape (numpy.linalg.norm(x, ord, axis) for an integer axis), in C order over
 * the shape without that axis; dst holds ndst values. TM_ERR_INVALID for an axis out of
 * range or a NaN ord. */
int tm_norm_axis(const double *x, int64_t nd, const int64_t *shape, int64_t axis, double ord, double *dst, int64_t ndst,
                 char *err, size_t errlen);

/* ---- stacks: decompositions and eigensolvers ---------------------------- */
/* As the stack calls above: count packed matrices in, every result packed per matrix, each
 * matrix computed exactly as the single-matrix call computes it; an error names the first
 * failing matrix. All cancellable. */

/* w_i, V_i = eigh(A_i) reading the lower triangle, for count square m x n matrices; w holds
 * count x n values, v count x n x n. TM_ERR_SHAPE if m != n, TM_ERR_INVALID if a matrix is
 * empty or holds NaN or Inf, TM_ERR_NO_CONVERGENCE. */
int tm_eigh_stack(const double *a, int64_t count, int64_t m, int64_t n, double *w, double *v, tm_cflag *cancel, char *err, size_t errlen);
/* w_i = eigvalsh(A_i); w holds count x n values. Errors as tm_eigvalsh. */
int tm_eigvalsh_stack(const double *a, int64_t count, int64_t m, int64_t n, double *w, tm_cflag *cancel, char *err, size_t errlen);
/* U_i, s_i, Vt_i = svd(A_i) for count m x n matrices, k = min(m, n); u holds count x m x k
 * values, s count x k, vt count x k x n. Errors as tm_svd. */
int tm_svd_stack(const double *a, int64_t count, int64_t m, int64_t n, double *u, double *s, double *vt, tm_cflag *cancel, char *err, size_t errlen);
/* s_i = svdvals(A_i); s holds count x min(m, n) values. Errors as tm_svdvals. */
int tm_svdvals_stack(const double *a, int64_t count, int64_t m, int64_t n, double *s, tm_cflag *cancel, char *err, size_t errlen);
/* Q_i, R_i = qr(A_i), k = min(m, n); q holds count x m x k values, r count x k x n. Errors as tm_qr. */
int tm_qr_stack(const double *a, int64_t count, int64_t m, int64_t n, double *q, double *r, tm_cflag *cancel, char *err, size_t errlen);
/* Q_i, R_i = qr(A_i, mode='complete'); q holds count x m x m values, r count x m x n.
 * Errors as tm_qr_complete. */
int tm_qr_complete_stack(const double *a, int64_t count, int64_t m, int64_t n, double *q, double *r, tm_cflag *cancel, char *err, size_t errlen);
/* h_i, tau_i = qr(A_i, mode='raw'); h holds count x n x m values, tau count x k. Errors as
 * tm_qr_raw. */
int tm_qr_raw_stack(const double *a, int64_t count, int64_t m, int64_t n, double *h, double *tau, tm_cflag *cancel, char *err, size_t errlen);
/* U_i, s_i, Vt_i = svd(A_i, full_matrices=True); u holds count x m x m values, s count x k,
 * vt count x n x n. Errors as tm_svd_full. */
int tm_svd_full_stack(const double *a, int64_t count, int64_t m, int64_t n, double *u, double *s, double *vt, tm_cflag *cancel, char *err, size_t errlen);
/* L_i = cholesky(A_i); dst holds count x m x n values. Errors as tm_cholesky. */
int tm_cholesky_stack(const double *a, int64_t count, int64_t m, int64_t n, double *dst, tm_cflag *cancel, char *err, size_t errlen);
/* P_i = pinv(A_i, rcond); dst holds count x n x m values. Errors as tm_pinv. */
int tm_pinv_stack(const double *a, int64_t count, int64_t m, int64_t n, double rcond, double *dst, tm_cflag *cancel, char *err, size_t errlen);
/* P_i = pinv(A_i, rcond[i]): a cutoff for each matrix (numpy's rcond array); rcond holds
 * count values, dst count x n x m. Errors as tm_pinv, naming the matrix. */
int tm_pinv_stack_rconds(const double *a, int64_t count, int64_t m, int64_t n, const double *rcond, double *dst, tm_cflag *cancel, char *err, size_t errlen);
/* dst[i] = matrix_rank(A_i); dst holds count values. Errors as tm_matrix_rank. */
int tm_matrix_rank_stack(const double *a, int64_t count, int64_t m, int64_t n, int64_t *dst, tm_cflag *cancel, char *err, size_t errlen);
/* w_i, V_i = eig(A_i) for count square m x n matrices: w holds count x n complex values
 * (interleaved re, im), v count x n x n; *all_real = 1 if every eigenvalue of every matrix
 * is real. Errors as tm_eig. */
int tm_eig_stack(const double *a, int64_t count, int64_t m, int64_t n, double *w, double *v, int *all_real, tm_cflag *cancel, char *err, size_t errlen);
/* w_i = eigvals(A_i); w holds count x n complex values; *all_real as tm_eig_stack. Errors as tm_eigvals. */
int tm_eigvals_stack(const double *a, int64_t count, int64_t m, int64_t n, double *w, int *all_real, tm_cflag *cancel, char *err, size_t errlen);

/* ---- stacks: numpy.linalg's other functions ----------------------------- */
/* As the stack calls above: count packed m x n matrices in, each computed exactly as the
 * single-matrix call computes it; an error names the first failing matrix. */

/* dst[i] = cond(A_i) in the norm of order p (kind 0, as tm_cond), Frobenius (kind 1, as
 * tm_cond_fro) or nuclear (kind 2, as tm_cond_nuc); dst holds count values. TM_ERR_INVALID
 * for another p; TM_ERR_SHAPE if the matrices are empty, or not square when the norm needs
 * it (also for count 0); then each matrix's errors. Cancellable. */
int tm_cond_stack(const double *a, int64_t count, int64_t m, int64_t n, double p, int kind, double *dst, tm_cflag *cancel, char *err, size_t errlen);
/* dst[i] = matrix_norm(A_i) of order ord (kind 0, as tm_matrix_norm), Frobenius (kind 1) or
 * nuclear (kind 2); dst holds count values. Cancellable. */
int tm_matrix_norm_stack(const double *a, int64_t count, int64_t m, int64_t n, double ord, int kind, double *dst, tm_cflag *cancel, char *err, size_t errlen);
/* D_i = A_i^k, as tm_matrix_power; dst holds count x m x n values. Cancellable. */
int tm_matrix_power_stack(const double *a, int64_t count, int64_t m, int64_t n, int64_t k, double *dst, tm_cflag *cancel, char *err, size_t errlen);
/* d_i = the offset diagonal of A_i, as tm_diagonal; dst holds count x length values. */
int tm_diagonal_stack(const double *a, int64_t count, int64_t m, int64_t n, int64_t offset, double *dst, int64_t length, char *err, size_t errlen);
/* dst[i] = the sum of the offset diagonal of A_i, as tm_trace_offset; dst holds count values. */
int tm_trace_stack(const double *a, int64_t count, int64_t m, int64_t n, int64_t offset, double *dst, char *err, size_t errlen);
/* T_i = the transpose of A_i; dst holds count x n x m values. */
int tm_matrix_transpose_stack(const double *a, int64_t count, int64_t m, int64_t n, double *dst, char *err, size_t errlen);
/* c_i = a_i x b_i, as tm_cross, for ca vectors a_i of na values and cb vectors b_i of nb
 * values; ca == cb, or one of them 1 (that vector meets every vector of the other).
 * dst holds count x 3 values, count the number of pairs. TM_ERR_SHAPE unless na == nb == 3,
 * the counts pair and count is their number. */
int tm_cross_stack(const double *a, int64_t ca, int64_t na, const double *b, int64_t cb, int64_t nb, double *dst, int64_t count, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* LIBTWINMATH_H */
