// Macros shared by the AVX2 (kernels_amd64.s) and AVX-512
// (kernels_avx512_amd64.s) kernels.

// ROTCHAINARGS loads the arguments (strides in bytes) and points SI at the
// first column of row `row`, lo (R12) or hi (R13); BX counts columns.
#define ROTCHAINARGS(row) \
	MOVQ  a_base+0(FP), SI  \
	MOVQ  w+24(FP), R8      \
	SHLQ  $3, R8            \
	MOVQ  cols+32(FP), R9   \
	SHLQ  $3, R9            \
	MOVQ  c_base+40(FP), R10 \
	MOVQ  s_base+64(FP), R11 \
	MOVQ  lo+88(FP), R12    \
	MOVQ  hi+96(FP), R13    \
	MOVQ  row, AX           \
	IMULQ R8, AX            \
	ADDQ  AX, SI            \
	XORQ  BX, BX

// The last steps of the secular kernels (secularAVX2, secularAVX512),
// after their lanes are reduced into X0 (Σ z·t) and X1 (Σ t²): the terms
// left over one by one, with org in X8 and tau in X2, then the results.
#define SECULARTAIL \
seculartail: \
	CMPQ   AX, CX \
	JGE    secularend \
	VMOVSD (DI)(AX*8), X3 \
	VSUBSD X8, X3, X3 \
	VSUBSD X2, X3, X3 \
	VMOVSD (SI)(AX*8), X4 \
	VDIVSD X3, X4, X5 \
	VMULSD X5, X4, X6 \
	VADDSD X6, X0, X0 \
	VMULSD X5, X5, X7 \
	VADDSD X7, X1, X1 \
	INCQ   AX \
	JMP    seculartail \
secularend: \
	VZEROUPPER \
	MOVSD X0, s+64(FP) \
	MOVSD X1, ds+72(FP) \
	RET
