//go:build amd64 && !purego

#include "textflag.h"
#include "kernels_amd64.h"

// The AVX2 rotation chains: rotChainFwdAVX512's loops with four columns to
// a register, rotating in place so that the carried row stays where it
// is. ROTF gives x' = c·x + s·y in t and y' = c·y − s·x in x; ROTR gives
// y' in t and x' in y: rotAVX2's operations either way (c in Y0, s in Y1).

#define ROTCS2 \
	VBROADCASTSD (R10)(CX*8), Y0 \
	VBROADCASTSD (R11)(CX*8), Y1

#define ROTF(x, y, t) \
	VMULPD      y, Y1, t \
	VFMADD231PD x, Y0, t \
	VMULPD      x, Y1, x \
	VFMSUB231PD y, Y0, x

#define ROTR(x, y, t) \
	VMULPD      x, Y1, t \
	VFMSUB231PD y, Y0, t \
	VMULPD      y, Y1, y \
	VFMADD231PD x, Y0, y

#define LOAD4Y(off, r0, r1, r2, r3) \
	VMOVUPD off(DI), r0    \
	VMOVUPD 32+off(DI), r1 \
	VMOVUPD 64+off(DI), r2 \
	VMOVUPD 96+off(DI), r3

#define STORE4Y(off, r0, r1, r2, r3) \
	VMOVUPD r0, off(DI)    \
	VMOVUPD r1, 32+off(DI) \
	VMOVUPD r2, 64+off(DI) \
	VMOVUPD r3, 96+off(DI)


// BINARYPD is the body of addPD and subPD: dst[i] = a[i] OP b[i] for
// i < len(dst), sixteen entries a step, then four, then one (OPPD and OPSD
// the packed and the scalar instruction).
#define BINARYPD(OPPD, OPSD) \
	MOVQ    dst_base+0(FP), DI    \
	MOVQ    dst_len+8(FP), CX     \
	MOVQ    a_base+24(FP), SI     \
	MOVQ    b_base+48(FP), DX     \
	XORQ    AX, AX                \
loop16:                               \
	MOVQ    CX, BX                \
	SUBQ    AX, BX                \
	CMPQ    BX, $16               \
	JLT     loop4                 \
	VMOVUPD (SI)(AX*8), Y1        \
	VMOVUPD 32(SI)(AX*8), Y2      \
	VMOVUPD 64(SI)(AX*8), Y3      \
	VMOVUPD 96(SI)(AX*8), Y4      \
	OPPD    (DX)(AX*8), Y1, Y1    \
	OPPD    32(DX)(AX*8), Y2, Y2  \
	OPPD    64(DX)(AX*8), Y3, Y3  \
	OPPD    96(DX)(AX*8), Y4, Y4  \
	VMOVUPD Y1, (DI)(AX*8)        \
	VMOVUPD Y2, 32(DI)(AX*8)      \
	VMOVUPD Y3, 64(DI)(AX*8)      \
	VMOVUPD Y4, 96(DI)(AX*8)      \
	ADDQ    $16, AX               \
	JMP     loop16                \
loop4:                                \
	MOVQ    CX, BX                \
	SUBQ    AX, BX                \
	CMPQ    BX, $4                \
	JLT     tail                  \
	VMOVUPD (SI)(AX*8), Y1        \
	OPPD    (DX)(AX*8), Y1, Y1    \
	VMOVUPD Y1, (DI)(AX*8)        \
	ADDQ    $4, AX                \
	JMP     loop4                 \
tail:                                 \
	CMPQ    AX, CX                \
	JGE     end                   \
	VMOVSD  (SI)(AX*8), X1        \
	OPSD    (DX)(AX*8), X1, X1    \
	VMOVSD  X1, (DI)(AX*8)        \
	INCQ    AX                    \
	JMP     tail                  \
end:                                  \
	VZEROUPPER                    \
	RET

// BYSCALARPD is the body of mulPD and divPD: dst[i] = v[i] OP c for
// i < len(dst), as BINARYPD (v[i] the first operand).
#define BYSCALARPD(OPPD, OPSD) \
	MOVQ         dst_base+0(FP), DI \
	MOVQ         dst_len+8(FP), CX  \
	MOVQ         v_base+24(FP), SI  \
	VBROADCASTSD c+48(FP), Y0       \
	XORQ         AX, AX             \
loop16:                                 \
	MOVQ    CX, BX                  \
	SUBQ    AX, BX                  \
	CMPQ    BX, $16                 \
	JLT     loop4                   \
	VMOVUPD (SI)(AX*8), Y1          \
	VMOVUPD 32(SI)(AX*8), Y2        \
	VMOVUPD 64(SI)(AX*8), Y3        \
	VMOVUPD 96(SI)(AX*8), Y4        \
	OPPD    Y0, Y1, Y1              \
	OPPD    Y0, Y2, Y2              \
	OPPD    Y0, Y3, Y3              \
	OPPD    Y0, Y4, Y4              \
	VMOVUPD Y1, (DI)(AX*8)          \
	VMOVUPD Y2, 32(DI)(AX*8)        \
	VMOVUPD Y3, 64(DI)(AX*8)        \
	VMOVUPD Y4, 96(DI)(AX*8)        \
	ADDQ    $16, AX                 \
	JMP     loop16                  \
loop4:                                  \
	MOVQ    CX, BX                  \
	SUBQ    AX, BX                  \
	CMPQ    BX, $4                  \
	JLT     tail                    \
	VMOVUPD (SI)(AX*8), Y1          \
	OPPD    Y0, Y1, Y1              \
	VMOVUPD Y1, (DI)(AX*8)          \
	ADDQ    $4, AX                  \
	JMP     loop4                   \
tail:                                   \
	CMPQ    AX, CX                  \
	JGE     end                     \
	VMOVSD  (SI)(AX*8), X1          \
	OPSD    X0, X1, X1              \
	VMOVSD  X1, (DI)(AX*8)          \
	INCQ    AX                      \
	JMP     tail                    \
end:                                    \
	VZEROUPPER                      \
	RET

// func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL eaxArg+0(FP), AX
	MOVL ecxArg+4(FP), CX
	CPUID
	MOVL AX, eax+8(FP)
	MOVL BX, ebx+12(FP)
	MOVL CX, ecx+16(FP)
	MOVL DX, edx+20(FP)
	RET

// func xgetbv() (eax, edx uint32)
TEXT ·xgetbv(SB), NOSPLIT, $0-8
	MOVL $0, CX
	XGETBV
	MOVL AX, eax+0(FP)
	MOVL DX, edx+4(FP)
	RET

// func dotAVX2(a, b []float64) float64
TEXT ·dotAVX2(SB), NOSPLIT, $0-56
	MOVQ a_base+0(FP), SI
	MOVQ a_len+8(FP), CX
	MOVQ b_base+24(FP), DI
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	XORQ AX, AX

dot16:
	MOVQ CX, DX
	SUBQ AX, DX
	CMPQ DX, $16
	JLT  dot4
	VMOVUPD (SI)(AX*8), Y4
	VMOVUPD 32(SI)(AX*8), Y5
	VMOVUPD 64(SI)(AX*8), Y6
	VMOVUPD 96(SI)(AX*8), Y7
	VFMADD231PD (DI)(AX*8), Y4, Y0
	VFMADD231PD 32(DI)(AX*8), Y5, Y1
	VFMADD231PD 64(DI)(AX*8), Y6, Y2
	VFMADD231PD 96(DI)(AX*8), Y7, Y3
	ADDQ $16, AX
	JMP  dot16

dot4:
	MOVQ CX, DX
	SUBQ AX, DX
	CMPQ DX, $4
	JLT  dotreduce
	VMOVUPD (SI)(AX*8), Y4
	VFMADD231PD (DI)(AX*8), Y4, Y0
	ADDQ $4, AX
	JMP  dot4

dotreduce:
	VADDPD       Y1, Y0, Y0
	VADDPD       Y3, Y2, Y2
	VADDPD       Y2, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VADDPD       X1, X0, X0
	VHADDPD      X0, X0, X0

dottail:
	CMPQ AX, CX
	JGE  dotend
	VMOVSD      (SI)(AX*8), X4
	VFMADD231SD (DI)(AX*8), X4, X0
	INCQ        AX
	JMP         dottail

dotend:
	VZEROUPPER
	MOVSD X0, ret+48(FP)
	RET

// func axpyAVX2(y []float64, alpha float64, x []float64)
TEXT ·axpyAVX2(SB), NOSPLIT, $0-56
	MOVQ         y_base+0(FP), DI
	MOVQ         y_len+8(FP), CX
	MOVQ         x_base+32(FP), SI
	VBROADCASTSD alpha+24(FP), Y0
	XORQ         AX, AX

axpy16:
	MOVQ CX, DX
	SUBQ AX, DX
	CMPQ DX, $16
	JLT  axpy4
	VMOVUPD (DI)(AX*8), Y1
	VMOVUPD 32(DI)(AX*8), Y2
	VMOVUPD 64(DI)(AX*8), Y3
	VMOVUPD 96(DI)(AX*8), Y4
	VFMADD231PD (SI)(AX*8), Y0, Y1
	VFMADD231PD 32(SI)(AX*8), Y0, Y2
	VFMADD231PD 64(SI)(AX*8), Y0, Y3
	VFMADD231PD 96(SI)(AX*8), Y0, Y4
	VMOVUPD Y1, (DI)(AX*8)
	VMOVUPD Y2, 32(DI)(AX*8)
	VMOVUPD Y3, 64(DI)(AX*8)
	VMOVUPD Y4, 96(DI)(AX*8)
	ADDQ $16, AX
	JMP  axpy16

axpy4:
	MOVQ CX, DX
	SUBQ AX, DX
	CMPQ DX, $4
	JLT  axpytail
	VMOVUPD     (DI)(AX*8), Y1
	VFMADD231PD (SI)(AX*8), Y0, Y1
	VMOVUPD     Y1, (DI)(AX*8)
	ADDQ        $4, AX
	JMP         axpy4

axpytail:
	CMPQ AX, CX
	JGE  axpyend
	VMOVSD      (DI)(AX*8), X1
	VFMADD231SD (SI)(AX*8), X0, X1
	VMOVSD      X1, (DI)(AX*8)
	INCQ        AX
	JMP         axpytail

axpyend:
	VZEROUPPER
	RET

// func reflect3FMA(r0, r1, r2 []float64, v2, v3, m1, m2, m3 float64)
TEXT ·reflect3FMA(SB), NOSPLIT, $0-112
	MOVQ         r0_base+0(FP), DI
	MOVQ         r0_len+8(FP), CX
	MOVQ         r1_base+24(FP), SI
	MOVQ         r2_base+48(FP), DX
	VBROADCASTSD v2+72(FP), Y0
	VBROADCASTSD v3+80(FP), Y1
	VBROADCASTSD m1+88(FP), Y2
	VBROADCASTSD m2+96(FP), Y3
	VBROADCASTSD m3+104(FP), Y4
	XORQ         AX, AX

refl8:
	MOVQ CX, BX
	SUBQ AX, BX
	CMPQ BX, $8
	JLT  refl4
	VMOVUPD     (DI)(AX*8), Y5
	VMOVUPD     32(DI)(AX*8), Y6
	VMOVUPD     (SI)(AX*8), Y7
	VMOVUPD     32(SI)(AX*8), Y8
	VMOVUPD     (DX)(AX*8), Y9
	VMOVUPD     32(DX)(AX*8), Y10
	VMOVAPD     Y5, Y11
	VMOVAPD     Y6, Y12
	VFMADD231PD Y7, Y0, Y11
	VFMADD231PD Y8, Y0, Y12
	VFMADD231PD Y9, Y1, Y11
	VFMADD231PD Y10, Y1, Y12
	VFMADD231PD Y11, Y2, Y5
	VFMADD231PD Y12, Y2, Y6
	VFMADD231PD Y11, Y3, Y7
	VFMADD231PD Y12, Y3, Y8
	VFMADD231PD Y11, Y4, Y9
	VFMADD231PD Y12, Y4, Y10
	VMOVUPD     Y5, (DI)(AX*8)
	VMOVUPD     Y6, 32(DI)(AX*8)
	VMOVUPD     Y7, (SI)(AX*8)
	VMOVUPD     Y8, 32(SI)(AX*8)
	VMOVUPD     Y9, (DX)(AX*8)
	VMOVUPD     Y10, 32(DX)(AX*8)
	ADDQ        $8, AX
	JMP         refl8

refl4:
	MOVQ CX, BX
	SUBQ AX, BX
	CMPQ BX, $4
	JLT  refltail
	VMOVUPD     (DI)(AX*8), Y5
	VMOVUPD     (SI)(AX*8), Y7
	VMOVUPD     (DX)(AX*8), Y9
	VMOVAPD     Y5, Y11
	VFMADD231PD Y7, Y0, Y11
	VFMADD231PD Y9, Y1, Y11
	VFMADD231PD Y11, Y2, Y5
	VFMADD231PD Y11, Y3, Y7
	VFMADD231PD Y11, Y4, Y9
	VMOVUPD     Y5, (DI)(AX*8)
	VMOVUPD     Y7, (SI)(AX*8)
	VMOVUPD     Y9, (DX)(AX*8)
	ADDQ        $4, AX

refltail:
	CMPQ AX, CX
	JGE  reflend
	VMOVSD      (DI)(AX*8), X5
	VMOVSD      (SI)(AX*8), X7
	VMOVSD      (DX)(AX*8), X9
	VMOVAPD     X5, X11
	VFMADD231SD X7, X0, X11
	VFMADD231SD X9, X1, X11
	VFMADD231SD X11, X2, X5
	VFMADD231SD X11, X3, X7
	VFMADD231SD X11, X4, X9
	VMOVSD      X5, (DI)(AX*8)
	VMOVSD      X7, (SI)(AX*8)
	VMOVSD      X9, (DX)(AX*8)
	INCQ        AX
	JMP         refltail

reflend:
	VZEROUPPER
	RET

// func addPD(dst, a, b []float64)
TEXT ·addPD(SB), NOSPLIT, $0-72
	BINARYPD(VADDPD, VADDSD)

// func subPD(dst, a, b []float64)
TEXT ·subPD(SB), NOSPLIT, $0-72
	BINARYPD(VSUBPD, VSUBSD)

// func mulPD(dst, v []float64, c float64)
TEXT ·mulPD(SB), NOSPLIT, $0-56
	BYSCALARPD(VMULPD, VMULSD)

// func divPD(dst, v []float64, c float64)
TEXT ·divPD(SB), NOSPLIT, $0-56
	BYSCALARPD(VDIVPD, VDIVSD)

// func axpyRoundPD(y []float64, alpha float64, x []float64)
// y[i] += alpha·x[i] with the product rounded first: a multiplication and
// an addition, no fused multiply-add.
TEXT ·axpyRoundPD(SB), NOSPLIT, $0-56
	MOVQ         y_base+0(FP), DI
	MOVQ         y_len+8(FP), CX
	MOVQ         x_base+32(FP), SI
	VBROADCASTSD alpha+24(FP), Y0
	XORQ         AX, AX

axr8:
	MOVQ    CX, DX
	SUBQ    AX, DX
	CMPQ    DX, $8
	JLT     axr4
	VMOVUPD (SI)(AX*8), Y1
	VMOVUPD 32(SI)(AX*8), Y2
	VMOVUPD (DI)(AX*8), Y3
	VMOVUPD 32(DI)(AX*8), Y4
	VMULPD  Y0, Y1, Y1
	VMULPD  Y0, Y2, Y2
	VADDPD  Y1, Y3, Y3
	VADDPD  Y2, Y4, Y4
	VMOVUPD Y3, (DI)(AX*8)
	VMOVUPD Y4, 32(DI)(AX*8)
	ADDQ    $8, AX
	JMP     axr8

axr4:
	MOVQ    CX, DX
	SUBQ    AX, DX
	CMPQ    DX, $4
	JLT     axrtail
	VMOVUPD (SI)(AX*8), Y1
	VMOVUPD (DI)(AX*8), Y3
	VMULPD  Y0, Y1, Y1
	VADDPD  Y1, Y3, Y3
	VMOVUPD Y3, (DI)(AX*8)
	ADDQ    $4, AX

axrtail:
	CMPQ   AX, CX
	JGE    axrend
	VMOVSD (SI)(AX*8), X1
	VMOVSD (DI)(AX*8), X3
	VMULSD X0, X1, X1
	VADDSD X1, X3, X3
	VMOVSD X3, (DI)(AX*8)
	INCQ   AX
	JMP    axrtail

axrend:
	VZEROUPPER
	RET

// func maxAbsPD(v []float64) uint64
// The largest bit pattern of |v[i]|, the sign bits cleared, over whole
// groups of four; len(v) is a multiple of 4. With the sign bit cleared the
// patterns are non-negative as signed integers, so VPCMPGTQ orders them.
TEXT ·maxAbsPD(SB), NOSPLIT, $0-32
	MOVQ      v_base+0(FP), SI
	MOVQ      v_len+8(FP), CX
	VPCMPEQQ  Y15, Y15, Y15
	VPSRLQ    $1, Y15, Y15
	VPXOR     Y0, Y0, Y0
	VPXOR     Y1, Y1, Y1
	VPXOR     Y2, Y2, Y2
	VPXOR     Y3, Y3, Y3
	XORQ      AX, AX

max16:
	MOVQ      CX, DX
	SUBQ      AX, DX
	CMPQ      DX, $16
	JLT       max4
	VPAND     (SI)(AX*8), Y15, Y4
	VPAND     32(SI)(AX*8), Y15, Y5
	VPAND     64(SI)(AX*8), Y15, Y6
	VPAND     96(SI)(AX*8), Y15, Y7
	VPCMPGTQ  Y0, Y4, Y8
	VPCMPGTQ  Y1, Y5, Y9
	VPCMPGTQ  Y2, Y6, Y10
	VPCMPGTQ  Y3, Y7, Y11
	VBLENDVPD Y8, Y4, Y0, Y0
	VBLENDVPD Y9, Y5, Y1, Y1
	VBLENDVPD Y10, Y6, Y2, Y2
	VBLENDVPD Y11, Y7, Y3, Y3
	ADDQ      $16, AX
	JMP       max16

max4:
	CMPQ      AX, CX
	JGE       maxreduce
	VPAND     (SI)(AX*8), Y15, Y4
	VPCMPGTQ  Y0, Y4, Y8
	VBLENDVPD Y8, Y4, Y0, Y0
	ADDQ      $4, AX
	JMP       max4

maxreduce:
	VPCMPGTQ     Y0, Y1, Y8
	VBLENDVPD    Y8, Y1, Y0, Y0
	VPCMPGTQ     Y2, Y3, Y9
	VBLENDVPD    Y9, Y3, Y2, Y2
	VPCMPGTQ     Y0, Y2, Y8
	VBLENDVPD    Y8, Y2, Y0, Y0
	VEXTRACTI128 $1, Y0, X1
	VPCMPGTQ     X0, X1, X8
	VBLENDVPD    X8, X1, X0, X0
	VMOVQ        X0, AX
	VPEXTRQ      $1, X0, BX
	CMPQ         BX, AX
	CMOVQGT      BX, AX
	VZEROUPPER
	MOVQ         AX, ret+24(FP)
	RET

// func gemm4x8AVX2(k int, a, b, c []float64, ldc int)
TEXT ·gemm4x8AVX2(SB), NOSPLIT, $0-88
	MOVQ k+0(FP), CX
	MOVQ a_base+8(FP), SI
	MOVQ b_base+32(FP), DI
	MOVQ c_base+56(FP), DX
	MOVQ ldc+80(FP), R8
	SHLQ $3, R8

	// The tile of c is read only after the loop: fetch its rows now, so
	// that a c not in cache (a fresh output) costs no wait at the end.
	MOVQ        DX, R9
	PREFETCHT0  (R9)
	PREFETCHT0  56(R9)
	ADDQ        R8, R9
	PREFETCHT0  (R9)
	PREFETCHT0  56(R9)
	ADDQ        R8, R9
	PREFETCHT0  (R9)
	PREFETCHT0  56(R9)
	ADDQ        R8, R9
	PREFETCHT0  (R9)
	PREFETCHT0  56(R9)
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7

gemmloop:
	VMOVUPD      (DI), Y8
	VMOVUPD      32(DI), Y9
	VBROADCASTSD (SI), Y10
	VFMADD231PD  Y8, Y10, Y0
	VFMADD231PD  Y9, Y10, Y1
	VBROADCASTSD 8(SI), Y11
	VFMADD231PD  Y8, Y11, Y2
	VFMADD231PD  Y9, Y11, Y3
	VBROADCASTSD 16(SI), Y12
	VFMADD231PD  Y8, Y12, Y4
	VFMADD231PD  Y9, Y12, Y5
	VBROADCASTSD 24(SI), Y13
	VFMADD231PD  Y8, Y13, Y6
	VFMADD231PD  Y9, Y13, Y7
	ADDQ         $32, SI
	ADDQ         $64, DI
	DECQ         CX
	JNZ          gemmloop

	VADDPD  (DX), Y0, Y0
	VADDPD  32(DX), Y1, Y1
	VMOVUPD Y0, (DX)
	VMOVUPD Y1, 32(DX)
	ADDQ    R8, DX
	VADDPD  (DX), Y2, Y2
	VADDPD  32(DX), Y3, Y3
	VMOVUPD Y2, (DX)
	VMOVUPD Y3, 32(DX)
	ADDQ    R8, DX
	VADDPD  (DX), Y4, Y4
	VADDPD  32(DX), Y5, Y5
	VMOVUPD Y4, (DX)
	VMOVUPD Y5, 32(DX)
	ADDQ    R8, DX
	VADDPD  (DX), Y6, Y6
	VADDPD  32(DX), Y7, Y7
	VMOVUPD Y6, (DX)
	VMOVUPD Y7, 32(DX)
	VZEROUPPER
	RET

// func rotAVX2(x, y []float64, c, s float64)
TEXT ·rotAVX2(SB), NOSPLIT, $0-64
	MOVQ         x_base+0(FP), DI
	MOVQ         x_len+8(FP), CX
	MOVQ         y_base+24(FP), SI
	VBROADCASTSD c+48(FP), Y0
	VBROADCASTSD s+56(FP), Y1
	XORQ         AX, AX

rot8:
	MOVQ        CX, DX
	SUBQ        AX, DX
	CMPQ        DX, $8
	JLT         rot4
	VMOVUPD     (DI)(AX*8), Y2
	VMOVUPD     32(DI)(AX*8), Y3
	VMOVUPD     (SI)(AX*8), Y4
	VMOVUPD     32(SI)(AX*8), Y5
	VMULPD      Y4, Y1, Y6
	VMULPD      Y5, Y1, Y7
	VMULPD      Y2, Y1, Y8
	VMULPD      Y3, Y1, Y9
	VFMADD231PD Y2, Y0, Y6
	VFMADD231PD Y3, Y0, Y7
	VFMSUB231PD Y4, Y0, Y8
	VFMSUB231PD Y5, Y0, Y9
	VMOVUPD     Y6, (DI)(AX*8)
	VMOVUPD     Y7, 32(DI)(AX*8)
	VMOVUPD     Y8, (SI)(AX*8)
	VMOVUPD     Y9, 32(SI)(AX*8)
	ADDQ        $8, AX
	JMP         rot8

rot4:
	MOVQ        CX, DX
	SUBQ        AX, DX
	CMPQ        DX, $4
	JLT         rottail
	VMOVUPD     (DI)(AX*8), Y2
	VMOVUPD     (SI)(AX*8), Y4
	VMULPD      Y4, Y1, Y6
	VMULPD      Y2, Y1, Y8
	VFMADD231PD Y2, Y0, Y6
	VFMSUB231PD Y4, Y0, Y8
	VMOVUPD     Y6, (DI)(AX*8)
	VMOVUPD     Y8, (SI)(AX*8)
	ADDQ        $4, AX
	JMP         rot4

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

// func rotChainFwdAVX2(a []float64, w, cols int, c, s []float64, lo, hi int)
TEXT ·rotChainFwdAVX2(SB), NOSPLIT, $0-104
	ROTCHAINARGS(R12)

fwdquad:
	MOVQ R9, DX
	SUBQ BX, DX
	CMPQ DX, $128
	JLT  fwdgroup
	LEAQ (SI)(BX*1), DI
	LOAD4Y(0, Y2, Y3, Y4, Y5)
	MOVQ R12, CX

fwdquadchain:
	CMPQ CX, R13
	JGE  fwdquadlast
	ROTCS2
	ADDQ R8, DI
	LOAD4Y(0, Y6, Y7, Y8, Y9)
	SUBQ R8, DI
	ROTF(Y2, Y6, Y10)
	ROTF(Y3, Y7, Y11)
	ROTF(Y4, Y8, Y12)
	ROTF(Y5, Y9, Y13)
	STORE4Y(0, Y10, Y11, Y12, Y13)
	ADDQ R8, DI
	INCQ CX
	JMP  fwdquadchain

fwdquadlast:
	STORE4Y(0, Y2, Y3, Y4, Y5)
	ADDQ $128, BX
	JMP  fwdquad

fwdgroup:
	CMPQ    BX, R9
	JGE     fwdend
	LEAQ    (SI)(BX*1), DI
	VMOVUPD (DI), Y2
	MOVQ    R12, CX

fwdchain:
	CMPQ    CX, R13
	JGE     fwdlast
	ROTCS2
	VMOVUPD (DI)(R8*1), Y6
	ROTF(Y2, Y6, Y10)
	VMOVUPD Y10, (DI)
	ADDQ    R8, DI
	INCQ    CX
	JMP     fwdchain

fwdlast:
	VMOVUPD Y2, (DI)
	ADDQ    $32, BX
	JMP     fwdgroup

fwdend:
	VZEROUPPER
	RET

// func rotChainRevAVX2(a []float64, w, cols int, c, s []float64, lo, hi int)
// rotChainFwdAVX2 from rotation hi−1 down to lo, the carried row being y,
// the lower of each pair.
TEXT ·rotChainRevAVX2(SB), NOSPLIT, $0-104
	ROTCHAINARGS(R13)

revquad:
	MOVQ R9, DX
	SUBQ BX, DX
	CMPQ DX, $128
	JLT  revgroup
	LEAQ (SI)(BX*1), DI
	LOAD4Y(0, Y6, Y7, Y8, Y9)
	MOVQ R13, CX

revquadchain:
	CMPQ CX, R12
	JLE  revquadlast
	DECQ CX
	ROTCS2
	SUBQ R8, DI
	LOAD4Y(0, Y2, Y3, Y4, Y5)
	ROTR(Y2, Y6, Y10)
	ROTR(Y3, Y7, Y11)
	ROTR(Y4, Y8, Y12)
	ROTR(Y5, Y9, Y13)
	ADDQ R8, DI
	STORE4Y(0, Y10, Y11, Y12, Y13)
	SUBQ R8, DI
	JMP  revquadchain

revquadlast:
	STORE4Y(0, Y6, Y7, Y8, Y9)
	ADDQ $128, BX
	JMP  revquad

revgroup:
	CMPQ    BX, R9
	JGE     revend
	LEAQ    (SI)(BX*1), DI
	VMOVUPD (DI), Y6
	MOVQ    R13, CX

revchain:
	CMPQ    CX, R12
	JLE     revlast
	DECQ    CX
	ROTCS2
	SUBQ    R8, DI
	VMOVUPD (DI), Y2
	ROTR(Y2, Y6, Y10)
	VMOVUPD Y10, (DI)(R8*1)
	JMP     revchain

revlast:
	VMOVUPD Y6, (DI)
	ADDQ    $32, BX
	JMP     revgroup

revend:
	VZEROUPPER
	RET

// func secularAVX2(z, d []float64, org, tau float64) (s, ds float64)
// secularAVX512 with its eight lanes in two registers: lanes 0-3 of Σ z·t
// in Y0 and 4-7 in Y9, of Σ t² in Y1 and Y10; org in Y8, tau in Y2.
TEXT ·secularAVX2(SB), NOSPLIT, $0-80
	MOVQ         z_base+0(FP), SI
	MOVQ         z_len+8(FP), CX
	MOVQ         d_base+24(FP), DI
	VBROADCASTSD org+48(FP), Y8
	VBROADCASTSD tau+56(FP), Y2
	VXORPD       Y0, Y0, Y0
	VXORPD       Y1, Y1, Y1
	VXORPD       Y9, Y9, Y9
	VXORPD       Y10, Y10, Y10
	XORQ         AX, AX

secular8:
	MOVQ    CX, DX
	SUBQ    AX, DX
	CMPQ    DX, $8
	JLT     secularreduce
	VMOVUPD (DI)(AX*8), Y3
	VSUBPD  Y8, Y3, Y3
	VSUBPD  Y2, Y3, Y3
	VMOVUPD (SI)(AX*8), Y4
	VDIVPD  Y3, Y4, Y5
	VMULPD  Y5, Y4, Y6
	VADDPD  Y6, Y0, Y0
	VMULPD  Y5, Y5, Y7
	VADDPD  Y7, Y1, Y1
	VMOVUPD 32(DI)(AX*8), Y11
	VSUBPD  Y8, Y11, Y11
	VSUBPD  Y2, Y11, Y11
	VMOVUPD 32(SI)(AX*8), Y12
	VDIVPD  Y11, Y12, Y13
	VMULPD  Y13, Y12, Y14
	VADDPD  Y14, Y9, Y9
	VMULPD  Y13, Y13, Y15
	VADDPD  Y15, Y10, Y10
	ADDQ    $8, AX
	JMP     secular8

secularreduce:
	VADDPD       Y9, Y0, Y0
	VEXTRACTF128 $1, Y0, X6
	VADDPD       X6, X0, X0
	VUNPCKHPD    X0, X0, X6
	VADDSD       X6, X0, X0
	VADDPD       Y10, Y1, Y1
	VEXTRACTF128 $1, Y1, X7
	VADDPD       X7, X1, X1
	VUNPCKHPD    X1, X1, X7
	VADDSD       X7, X1, X1

	SECULARTAIL
