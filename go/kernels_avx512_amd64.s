//go:build amd64 && !purego

#include "textflag.h"
#include "kernels_amd64.h"

// The rotation chains. Both directions load the same arguments, and rotate
// the pair (x, y) of rows in the same registers with rotAVX512's
// operations: x' = c·x + s·y in Z6 (Z7, Z13, Z14), y' = c·y − s·x in Z8
// (Z15, Z16, Z17), for x in Z2 (Z3, Z9, Z10) and y in Z4 (Z5, Z11, Z12),
// with c in Z0 and s in Z1.

// ROTCS broadcasts c[CX] and s[CX].
#define ROTCS \
	VBROADCASTSD (R10)(CX*8), Z0 \
	VBROADCASTSD (R11)(CX*8), Z1

// ROT4 rotates four groups of eight columns.
#define ROT4 \
	VMULPD      Z4, Z1, Z6   \
	VMULPD      Z5, Z1, Z7   \
	VMULPD      Z11, Z1, Z13 \
	VMULPD      Z12, Z1, Z14 \
	VMULPD      Z2, Z1, Z8   \
	VMULPD      Z3, Z1, Z15  \
	VMULPD      Z9, Z1, Z16  \
	VMULPD      Z10, Z1, Z17 \
	VFMADD231PD Z2, Z0, Z6   \
	VFMADD231PD Z3, Z0, Z7   \
	VFMADD231PD Z9, Z0, Z13  \
	VFMADD231PD Z10, Z0, Z14 \
	VFMSUB231PD Z4, Z0, Z8   \
	VFMSUB231PD Z5, Z0, Z15  \
	VFMSUB231PD Z11, Z0, Z16 \
	VFMSUB231PD Z12, Z0, Z17

// ROT1 rotates one group of eight columns.
#define ROT1 \
	VMULPD      Z4, Z1, Z6 \
	VMULPD      Z2, Z1, Z8 \
	VFMADD231PD Z2, Z0, Z6 \
	VFMSUB231PD Z4, Z0, Z8

// LOAD4 and STORE4 move four groups of eight columns at off(DI) between
// memory and four registers.
#define LOAD4(off, r0, r1, r2, r3) \
	VMOVUPD off(DI), r0     \
	VMOVUPD 64+off(DI), r1  \
	VMOVUPD 128+off(DI), r2 \
	VMOVUPD 192+off(DI), r3

#define STORE4(off, r0, r1, r2, r3) \
	VMOVUPD r0, off(DI)     \
	VMOVUPD r1, 64+off(DI)  \
	VMOVUPD r2, 128+off(DI) \
	VMOVUPD r3, 192+off(DI)

// AVX-512 kernels; their Go specifications are in kernels.go.

// func dotAVX512(a, b []float64) float64
TEXT ·dotAVX512(SB), NOSPLIT, $0-56
	MOVQ   a_base+0(FP), SI
	MOVQ   a_len+8(FP), CX
	MOVQ   b_base+24(FP), DI
	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	VPXORQ Z2, Z2, Z2
	VPXORQ Z3, Z3, Z3
	XORQ   AX, AX

dot32:
	MOVQ        CX, DX
	SUBQ        AX, DX
	CMPQ        DX, $32
	JLT         dot8
	VMOVUPD     (SI)(AX*8), Z4
	VMOVUPD     64(SI)(AX*8), Z5
	VMOVUPD     128(SI)(AX*8), Z6
	VMOVUPD     192(SI)(AX*8), Z7
	VFMADD231PD (DI)(AX*8), Z4, Z0
	VFMADD231PD 64(DI)(AX*8), Z5, Z1
	VFMADD231PD 128(DI)(AX*8), Z6, Z2
	VFMADD231PD 192(DI)(AX*8), Z7, Z3
	ADDQ        $32, AX
	JMP         dot32

dot8:
	MOVQ        CX, DX
	SUBQ        AX, DX
	CMPQ        DX, $8
	JLT         dotreduce
	VMOVUPD     (SI)(AX*8), Z4
	VFMADD231PD (DI)(AX*8), Z4, Z0
	ADDQ        $8, AX
	JMP         dot8

dotreduce:
	VADDPD        Z1, Z0, Z0
	VADDPD        Z3, Z2, Z2
	VADDPD        Z2, Z0, Z0
	VEXTRACTF64X4 $1, Z0, Y1
	VADDPD        Y1, Y0, Y0
	VEXTRACTF128  $1, Y0, X1
	VADDPD        X1, X0, X0
	VHADDPD       X0, X0, X0

dottail:
	CMPQ        AX, CX
	JGE         dotend
	VMOVSD      (SI)(AX*8), X4
	VFMADD231SD (DI)(AX*8), X4, X0
	INCQ        AX
	JMP         dottail

dotend:
	VZEROUPPER
	MOVSD X0, ret+48(FP)
	RET

// func axpyAVX512(y []float64, alpha float64, x []float64)
TEXT ·axpyAVX512(SB), NOSPLIT, $0-56
	MOVQ         y_base+0(FP), DI
	MOVQ         y_len+8(FP), CX
	MOVQ         x_base+32(FP), SI
	VBROADCASTSD alpha+24(FP), Z0
	XORQ         AX, AX

axpy32:
	MOVQ        CX, DX
	SUBQ        AX, DX
	CMPQ        DX, $32
	JLT         axpy8
	VMOVUPD     (DI)(AX*8), Z1
	VMOVUPD     64(DI)(AX*8), Z2
	VMOVUPD     128(DI)(AX*8), Z3
	VMOVUPD     192(DI)(AX*8), Z4
	VFMADD231PD (SI)(AX*8), Z0, Z1
	VFMADD231PD 64(SI)(AX*8), Z0, Z2
	VFMADD231PD 128(SI)(AX*8), Z0, Z3
	VFMADD231PD 192(SI)(AX*8), Z0, Z4
	VMOVUPD     Z1, (DI)(AX*8)
	VMOVUPD     Z2, 64(DI)(AX*8)
	VMOVUPD     Z3, 128(DI)(AX*8)
	VMOVUPD     Z4, 192(DI)(AX*8)
	ADDQ        $32, AX
	JMP         axpy32

axpy8:
	MOVQ        CX, DX
	SUBQ        AX, DX
	CMPQ        DX, $8
	JLT         axpytail
	VMOVUPD     (DI)(AX*8), Z1
	VFMADD231PD (SI)(AX*8), Z0, Z1
	VMOVUPD     Z1, (DI)(AX*8)
	ADDQ        $8, AX
	JMP         axpy8

axpytail:
	CMPQ        AX, CX
	JGE         axpyend
	VMOVSD      (DI)(AX*8), X1
	VFMADD231SD (SI)(AX*8), X0, X1
	VMOVSD      X1, (DI)(AX*8)
	INCQ        AX
	JMP         axpytail

axpyend:
	VZEROUPPER
	RET

// func rotAVX512(x, y []float64, c, s float64)
TEXT ·rotAVX512(SB), NOSPLIT, $0-64
	MOVQ         x_base+0(FP), DI
	MOVQ         x_len+8(FP), CX
	MOVQ         y_base+24(FP), SI
	VBROADCASTSD c+48(FP), Z0
	VBROADCASTSD s+56(FP), Z1
	XORQ         AX, AX

rot16:
	MOVQ        CX, DX
	SUBQ        AX, DX
	CMPQ        DX, $16
	JLT         rot8
	VMOVUPD     (DI)(AX*8), Z2
	VMOVUPD     64(DI)(AX*8), Z3
	VMOVUPD     (SI)(AX*8), Z4
	VMOVUPD     64(SI)(AX*8), Z5
	VMULPD      Z4, Z1, Z6
	VMULPD      Z5, Z1, Z7
	VMULPD      Z2, Z1, Z8
	VMULPD      Z3, Z1, Z9
	VFMADD231PD Z2, Z0, Z6
	VFMADD231PD Z3, Z0, Z7
	VFMSUB231PD Z4, Z0, Z8
	VFMSUB231PD Z5, Z0, Z9
	VMOVUPD     Z6, (DI)(AX*8)
	VMOVUPD     Z7, 64(DI)(AX*8)
	VMOVUPD     Z8, (SI)(AX*8)
	VMOVUPD     Z9, 64(SI)(AX*8)
	ADDQ        $16, AX
	JMP         rot16

rot8:
	MOVQ        CX, DX
	SUBQ        AX, DX
	CMPQ        DX, $8
	JLT         rottail
	VMOVUPD     (DI)(AX*8), Z2
	VMOVUPD     (SI)(AX*8), Z4
	VMULPD      Z4, Z1, Z6
	VMULPD      Z2, Z1, Z8
	VFMADD231PD Z2, Z0, Z6
	VFMSUB231PD Z4, Z0, Z8
	VMOVUPD     Z6, (DI)(AX*8)
	VMOVUPD     Z8, (SI)(AX*8)
	ADDQ        $8, AX
	JMP         rot8

rottail:
	CMPQ        AX, CX
	JGE         rotend
	VMOVSD      (DI)(AX*8), X2
	VMOVSD      (SI)(AX*8), X4
	VMULSD      X4, X1, X6
	VMULSD      X2, X1, X8
	VFMADD231SD X2, X0, X6
	VFMSUB231SD X4, X0, X8
	VMOVSD      X6, (DI)(AX*8)
	VMOVSD      X8, (SI)(AX*8)
	INCQ        AX
	JMP         rottail

rotend:
	VZEROUPPER
	RET

// func gemm12x16AVX512(k int, a, b, c []float64, ldc int)
// Accumulators Z0..Z23: row r in Z(2r) (columns 0-7) and Z(2r+1) (8-15);
// B in Z28, Z29; the broadcasts of A in Z30, Z31.
TEXT ·gemm12x16AVX512(SB), NOSPLIT, $0-88
	MOVQ k+0(FP), CX
	MOVQ a_base+8(FP), SI
	MOVQ b_base+32(FP), DI
	MOVQ c_base+56(FP), DX
	MOVQ ldc+80(FP), R8
	SHLQ $3, R8
	MOVQ CX, R10
	SHLQ $5, R10 // bytes between A panels: 4·k·8
	MOVQ CX, R11
	SHLQ $6, R11 // bytes between B panels: 8·k·8

	// Fetch the block of C into L1 while the products are summed: its
	// rows are far apart in memory, and the adds at the end would
	// otherwise wait on twelve misses.
	MOVQ DX, R12
	MOVQ $12, R13

gemm12x16AVX512prefetch:
	PREFETCHT0 (R12)
	PREFETCHT0 64(R12)
	PREFETCHT0 120(R12)
	ADDQ       R8, R12
	DECQ       R13
	JNZ        gemm12x16AVX512prefetch

	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	VPXORQ Z2, Z2, Z2
	VPXORQ Z3, Z3, Z3
	VPXORQ Z4, Z4, Z4
	VPXORQ Z5, Z5, Z5
	VPXORQ Z6, Z6, Z6
	VPXORQ Z7, Z7, Z7
	VPXORQ Z8, Z8, Z8
	VPXORQ Z9, Z9, Z9
	VPXORQ Z10, Z10, Z10
	VPXORQ Z11, Z11, Z11
	VPXORQ Z12, Z12, Z12
	VPXORQ Z13, Z13, Z13
	VPXORQ Z14, Z14, Z14
	VPXORQ Z15, Z15, Z15
	VPXORQ Z16, Z16, Z16
	VPXORQ Z17, Z17, Z17
	VPXORQ Z18, Z18, Z18
	VPXORQ Z19, Z19, Z19
	VPXORQ Z20, Z20, Z20
	VPXORQ Z21, Z21, Z21
	VPXORQ Z22, Z22, Z22
	VPXORQ Z23, Z23, Z23

gemm12x16AVX512loop:
	VMOVUPD (DI), Z28
	VMOVUPD (DI)(R11*1), Z29
	VBROADCASTSD (SI), Z30
	VFMADD231PD  Z28, Z30, Z0
	VFMADD231PD  Z29, Z30, Z1
	VBROADCASTSD 8(SI), Z31
	VFMADD231PD  Z28, Z31, Z2
	VFMADD231PD  Z29, Z31, Z3
	VBROADCASTSD 16(SI), Z30
	VFMADD231PD  Z28, Z30, Z4
	VFMADD231PD  Z29, Z30, Z5
	VBROADCASTSD 24(SI), Z31
	VFMADD231PD  Z28, Z31, Z6
	VFMADD231PD  Z29, Z31, Z7
	VBROADCASTSD (SI)(R10*1), Z30
	VFMADD231PD  Z28, Z30, Z8
	VFMADD231PD  Z29, Z30, Z9
	VBROADCASTSD 8(SI)(R10*1), Z31
	VFMADD231PD  Z28, Z31, Z10
	VFMADD231PD  Z29, Z31, Z11
	VBROADCASTSD 16(SI)(R10*1), Z30
	VFMADD231PD  Z28, Z30, Z12
	VFMADD231PD  Z29, Z30, Z13
	VBROADCASTSD 24(SI)(R10*1), Z31
	VFMADD231PD  Z28, Z31, Z14
	VFMADD231PD  Z29, Z31, Z15
	VBROADCASTSD (SI)(R10*2), Z30
	VFMADD231PD  Z28, Z30, Z16
	VFMADD231PD  Z29, Z30, Z17
	VBROADCASTSD 8(SI)(R10*2), Z31
	VFMADD231PD  Z28, Z31, Z18
	VFMADD231PD  Z29, Z31, Z19
	VBROADCASTSD 16(SI)(R10*2), Z30
	VFMADD231PD  Z28, Z30, Z20
	VFMADD231PD  Z29, Z30, Z21
	VBROADCASTSD 24(SI)(R10*2), Z31
	VFMADD231PD  Z28, Z31, Z22
	VFMADD231PD  Z29, Z31, Z23
	ADDQ $32, SI
	ADDQ $64, DI
	DECQ CX
	JNZ  gemm12x16AVX512loop

	VADDPD  (DX), Z0, Z0
	VADDPD  64(DX), Z1, Z1
	VMOVUPD Z0, (DX)
	VMOVUPD Z1, 64(DX)
	ADDQ    R8, DX
	VADDPD  (DX), Z2, Z2
	VADDPD  64(DX), Z3, Z3
	VMOVUPD Z2, (DX)
	VMOVUPD Z3, 64(DX)
	ADDQ    R8, DX
	VADDPD  (DX), Z4, Z4
	VADDPD  64(DX), Z5, Z5
	VMOVUPD Z4, (DX)
	VMOVUPD Z5, 64(DX)
	ADDQ    R8, DX
	VADDPD  (DX), Z6, Z6
	VADDPD  64(DX), Z7, Z7
	VMOVUPD Z6, (DX)
	VMOVUPD Z7, 64(DX)
	ADDQ    R8, DX
	VADDPD  (DX), Z8, Z8
	VADDPD  64(DX), Z9, Z9
	VMOVUPD Z8, (DX)
	VMOVUPD Z9, 64(DX)
	ADDQ    R8, DX
	VADDPD  (DX), Z10, Z10
	VADDPD  64(DX), Z11, Z11
	VMOVUPD Z10, (DX)
	VMOVUPD Z11, 64(DX)
	ADDQ    R8, DX
	VADDPD  (DX), Z12, Z12
	VADDPD  64(DX), Z13, Z13
	VMOVUPD Z12, (DX)
	VMOVUPD Z13, 64(DX)
	ADDQ    R8, DX
	VADDPD  (DX), Z14, Z14
	VADDPD  64(DX), Z15, Z15
	VMOVUPD Z14, (DX)
	VMOVUPD Z15, 64(DX)
	ADDQ    R8, DX
	VADDPD  (DX), Z16, Z16
	VADDPD  64(DX), Z17, Z17
	VMOVUPD Z16, (DX)
	VMOVUPD Z17, 64(DX)
	ADDQ    R8, DX
	VADDPD  (DX), Z18, Z18
	VADDPD  64(DX), Z19, Z19
	VMOVUPD Z18, (DX)
	VMOVUPD Z19, 64(DX)
	ADDQ    R8, DX
	VADDPD  (DX), Z20, Z20
	VADDPD  64(DX), Z21, Z21
	VMOVUPD Z20, (DX)
	VMOVUPD Z21, 64(DX)
	ADDQ    R8, DX
	VADDPD  (DX), Z22, Z22
	VADDPD  64(DX), Z23, Z23
	VMOVUPD Z22, (DX)
	VMOVUPD Z23, 64(DX)
	VZEROUPPER
	RET

// func secularAVX512(z, d []float64, org, tau float64) (s, ds float64)
// Lanes of Σ z·t in Z0 and of Σ t² in Z1; org in Z8, tau in Z2.
TEXT ·secularAVX512(SB), NOSPLIT, $0-80
	MOVQ         z_base+0(FP), SI
	MOVQ         z_len+8(FP), CX
	MOVQ         d_base+24(FP), DI
	VBROADCASTSD org+48(FP), Z8
	VBROADCASTSD tau+56(FP), Z2
	VPXORQ       Z0, Z0, Z0
	VPXORQ       Z1, Z1, Z1
	XORQ         AX, AX

secular8:
	MOVQ    CX, DX
	SUBQ    AX, DX
	CMPQ    DX, $8
	JLT     secularreduce
	VMOVUPD (DI)(AX*8), Z3
	VSUBPD  Z8, Z3, Z3
	VSUBPD  Z2, Z3, Z3
	VMOVUPD (SI)(AX*8), Z4
	VDIVPD  Z3, Z4, Z5
	VMULPD  Z5, Z4, Z6
	VADDPD  Z6, Z0, Z0
	VMULPD  Z5, Z5, Z7
	VADDPD  Z7, Z1, Z1
	ADDQ    $8, AX
	JMP     secular8

secularreduce:
	VEXTRACTF64X4 $1, Z0, Y6
	VADDPD        Y6, Y0, Y0
	VEXTRACTF128  $1, Y0, X6
	VADDPD        X6, X0, X0
	VUNPCKHPD     X0, X0, X6
	VADDSD        X6, X0, X0
	VEXTRACTF64X4 $1, Z1, Y7
	VADDPD        Y7, Y1, Y1
	VEXTRACTF128  $1, Y1, X7
	VADDPD        X7, X1, X1
	VUNPCKHPD     X1, X1, X7
	VADDSD        X7, X1, X1

	SECULARTAIL

// func rotChainFwdAVX512(a []float64, w, cols int, c, s []float64, lo, hi int)
// From rotation lo up to hi−1, the carried row being x, the upper of each
// pair: four groups of eight columns side by side (four independent
// chains hide the latency of the multiply-adds), then one group at a time.
TEXT ·rotChainFwdAVX512(SB), NOSPLIT, $0-104
	ROTCHAINARGS(R12)

fwdquad:
	MOVQ R9, DX
	SUBQ BX, DX
	CMPQ DX, $256
	JLT  fwdgroup
	LEAQ (SI)(BX*1), DI
	LOAD4(0, Z2, Z3, Z9, Z10)
	MOVQ R12, CX

fwdquadchain:
	CMPQ    CX, R13
	JGE     fwdquadlast
	ROTCS
	ADDQ    R8, DI
	LOAD4(0, Z4, Z5, Z11, Z12)
	SUBQ    R8, DI
	ROT4
	STORE4(0, Z6, Z7, Z13, Z14)
	VMOVAPD Z8, Z2
	VMOVAPD Z15, Z3
	VMOVAPD Z16, Z9
	VMOVAPD Z17, Z10
	ADDQ    R8, DI
	INCQ    CX
	JMP     fwdquadchain

fwdquadlast:
	STORE4(0, Z2, Z3, Z9, Z10)
	ADDQ $256, BX
	JMP  fwdquad

fwdgroup:
	CMPQ    BX, R9
	JGE     fwdend
	LEAQ    (SI)(BX*1), DI
	VMOVUPD (DI), Z2
	MOVQ    R12, CX

fwdchain:
	CMPQ    CX, R13
	JGE     fwdlast
	ROTCS
	VMOVUPD (DI)(R8*1), Z4
	ROT1
	VMOVUPD Z6, (DI)
	VMOVAPD Z8, Z2
	ADDQ    R8, DI
	INCQ    CX
	JMP     fwdchain

fwdlast:
	VMOVUPD Z2, (DI)
	ADDQ    $64, BX
	JMP     fwdgroup

fwdend:
	VZEROUPPER
	RET

// func rotChainRevAVX512(a []float64, w, cols int, c, s []float64, lo, hi int)
// rotChainFwdAVX512 from rotation hi−1 down to lo, the carried row being
// y, the lower of each pair.
TEXT ·rotChainRevAVX512(SB), NOSPLIT, $0-104
	ROTCHAINARGS(R13)

revquad:
	MOVQ R9, DX
	SUBQ BX, DX
	CMPQ DX, $256
	JLT  revgroup
	LEAQ (SI)(BX*1), DI
	LOAD4(0, Z4, Z5, Z11, Z12)
	MOVQ R13, CX

revquadchain:
	CMPQ    CX, R12
	JLE     revquadlast
	DECQ    CX
	ROTCS
	SUBQ    R8, DI
	LOAD4(0, Z2, Z3, Z9, Z10)
	ROT4
	ADDQ    R8, DI
	STORE4(0, Z8, Z15, Z16, Z17)
	SUBQ    R8, DI
	VMOVAPD Z6, Z4
	VMOVAPD Z7, Z5
	VMOVAPD Z13, Z11
	VMOVAPD Z14, Z12
	JMP     revquadchain

revquadlast:
	STORE4(0, Z4, Z5, Z11, Z12)
	ADDQ $256, BX
	JMP  revquad

revgroup:
	CMPQ    BX, R9
	JGE     revend
	LEAQ    (SI)(BX*1), DI
	VMOVUPD (DI), Z4
	MOVQ    R13, CX

revchain:
	CMPQ    CX, R12
	JLE     revlast
	DECQ    CX
	ROTCS
	SUBQ    R8, DI
	VMOVUPD (DI), Z2
	ROT1
	VMOVUPD Z8, (DI)(R8*1)
	VMOVAPD Z6, Z4
	JMP     revchain

revlast:
	VMOVUPD Z4, (DI)
	ADDQ    $64, BX
	JMP     revgroup

revend:
	VZEROUPPER
	RET
