/*
 * layout.c - compile-time checks of the SVR5 headers' types, structure
 * layouts and constant values (svr5-memory-ddi.md sections 2, 3, 9).
 *
 * Everything is a static assertion: a negative array size fails the
 * compilation.  Exact types are compared with the GNU builtin
 * __builtin_types_compatible_p, so unsigned long versus unsigned int is
 * told apart even where the sizes agree.
 */
#include <stddef.h>		/* the compiler's: offsetof */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/vmparam.h>
#include <sys/kmem.h>
#include <sys/buf.h>
#include <sys/dma.h>
#include <sys/ddi.h>
#include <sys/cmn_err.h>
#include <sys/errno.h>
#include <sys/proc.h>
#include <sys/systm.h>
#include <sys/debug.h>

#define CHECK(name, e) typedef char svr5ddi_check_##name[(e) ? 1 : -1]
#define SAME(a, b) __builtin_types_compatible_p(a, b)
#define MEMBER(s, m) (((s *)0)->m)

/* section 2: types */
CHECK(uchar_t, SAME(uchar_t, unsigned char));
CHECK(ushort_t, SAME(ushort_t, unsigned short));
CHECK(uint_t, SAME(uint_t, unsigned int));
CHECK(ulong_t, SAME(ulong_t, unsigned long));
CHECK(u_char, SAME(u_char, unsigned char) && SAME(u_long, unsigned long));
CHECK(caddr_t, SAME(caddr_t, char *));
CHECK(vaddr_t, SAME(vaddr_t, ulong_t));
CHECK(paddr_t, SAME(paddr_t, ulong_t));
CHECK(paddr_t_width, sizeof(paddr_t) == sizeof(void *));
CHECK(paddr32_t, sizeof(paddr32_t) == 4 && (paddr32_t)-1 > 0);
CHECK(paddr64_t, sizeof(paddr64_t) == 8 && (paddr64_t)-1 > 0);
CHECK(ppid_t, SAME(ppid_t, uint_t));
CHECK(nopage, NOPAGE == (ppid_t)-1 && SAME(__typeof__(NOPAGE), ppid_t));
CHECK(boolean_t, SAME(boolean_t, enum boolean));
CHECK(b_values, B_FALSE == 0 && B_TRUE == 1);
CHECK(size_t, SAME(size_t, __SIZE_TYPE__));
CHECK(proc_t, SAME(proc_t, struct proc));

/* page geometry, usable in #if as well */
#if PAGESIZE != 4096 || PAGESHIFT != 12 || PAGEOFFSET != 4095
#error "page geometry"
#endif
#if NBPSCTR != 512
#error "NBPSCTR"
#endif
CHECK(pageshift, (1 << PAGESHIFT) == PAGESIZE);
/* ~PAGEOFFSET keeps the high bits of a 64-bit address */
CHECK(pagemask, ((paddr_t)-1 & ~PAGEOFFSET) == ((paddr_t)-1 ^ 4095));
CHECK(nbpw, NBPW == sizeof(int));

/* allocation flags */
CHECK(km, KM_SLEEP == 0 && KM_NOSLEEP == 1 && KM_FAIL_OK == 0x10);
CHECK(preq, PREQ_PHYSCONTIG == 0x02);

/* section 3: physreq members, in the documented order and types */
CHECK(pr_align0, offsetof(physreq_t, phys_align) == 0);
CHECK(pr_order1, offsetof(physreq_t, phys_align) <
		 offsetof(physreq_t, phys_boundary));
CHECK(pr_order2, offsetof(physreq_t, phys_boundary) <
		 offsetof(physreq_t, phys_dmasize));
CHECK(pr_order3, offsetof(physreq_t, phys_dmasize) <
		 offsetof(physreq_t, phys_max_scgth));
CHECK(pr_order4, offsetof(physreq_t, phys_max_scgth) <
		 offsetof(physreq_t, phys_flags));
CHECK(pr_private, offsetof(physreq_t, phys_private) >
		  offsetof(physreq_t, phys_flags));
CHECK(pr_t_align, SAME(__typeof__(MEMBER(physreq_t, phys_align)), paddr_t));
CHECK(pr_t_bound,
      SAME(__typeof__(MEMBER(physreq_t, phys_boundary)), paddr_t));
CHECK(pr_t_dmasize,
      SAME(__typeof__(MEMBER(physreq_t, phys_dmasize)), uchar_t));
CHECK(pr_t_scgth,
      SAME(__typeof__(MEMBER(physreq_t, phys_max_scgth)), uchar_t));
CHECK(pr_t_flags, SAME(__typeof__(MEMBER(physreq_t, phys_flags)), uchar_t));
CHECK(pr_tag, SAME(physreq_t, struct physreq));

/* section 9: bcb members, in the documented order and types */
CHECK(bcb_order0, offsetof(bcb_t, bcb_addrtypes) == 0);
CHECK(bcb_order1, offsetof(bcb_t, bcb_addrtypes) <
		  offsetof(bcb_t, bcb_flags));
CHECK(bcb_order2, offsetof(bcb_t, bcb_flags) <
		  offsetof(bcb_t, bcb_max_xfer));
CHECK(bcb_order3, offsetof(bcb_t, bcb_max_xfer) <
		  offsetof(bcb_t, bcb_granularity));
CHECK(bcb_order4, offsetof(bcb_t, bcb_granularity) <
		  offsetof(bcb_t, bcb_physreqp));
CHECK(bcb_size, sizeof(bcb_t) == offsetof(bcb_t, bcb_physreqp) +
			       sizeof(physreq_t *));
CHECK(bcb_t_at, SAME(__typeof__(MEMBER(bcb_t, bcb_addrtypes)), uchar_t));
CHECK(bcb_t_fl, SAME(__typeof__(MEMBER(bcb_t, bcb_flags)), uchar_t));
CHECK(bcb_t_mx, SAME(__typeof__(MEMBER(bcb_t, bcb_max_xfer)), size_t));
CHECK(bcb_t_gr, SAME(__typeof__(MEMBER(bcb_t, bcb_granularity)), size_t));
CHECK(bcb_t_pr,
      SAME(__typeof__(MEMBER(bcb_t, bcb_physreqp)), physreq_t *));
CHECK(ba, BA_KVIRT == 0x01 && BA_UVIRT == 0x02 && BA_PAGELIST == 0x04 &&
	  BA_PHYS == 0x08 && BA_SCGTH == 0x10);
CHECK(bcbf, BCB_PHYSCONTIG == 0x01 && BCB_ONE_PIECE == 0x02 &&
	    BCB_EXACT_SIZE == 0x04 && BCB_SYNCHRONOUS == 0x08 &&
	    BCB_NOMEMWAIT == 0x10);

/* <sys/dma.h> */
CHECK(dma_ch, DMA_CH0 == 0 && DMA_CH1 == 1 && DMA_CH2 == 2 &&
	      DMA_CH3 == 3 && DMA_CH4 == 4 && DMA_CH5 == 5 &&
	      DMA_CH6 == 6 && DMA_CH7 == 7);
CHECK(dma_path, DMA_PATH_8 == 0 && DMA_PATH_16 == 1 && DMA_PATH_32 == 2 &&
		DMA_PATH_64 == 3 && DMA_PATH_16B == 4);
CHECK(dma_step, DMA_STEP_INC == 0 && DMA_STEP_DEC == 1 &&
		DMA_STEP_HOLD == 2);
CHECK(dma_trans, DMA_TRANS_SNGL == 0 && DMA_TRANS_DMND == 1 &&
		 DMA_TRANS_BLCK == 2 && DMA_TRANS_CSCD == 3);

/* <sys/cmn_err.h> */
CHECK(ce, CE_CONT == 0 && CE_NOTE == 1 && CE_WARN == 2 && CE_PANIC == 3);

/* <sys/errno.h>: SVR4 numbering */
CHECK(e1, EPERM == 1 && ENOENT == 2 && ESRCH == 3 && EINTR == 4 &&
	  EIO == 5 && ENXIO == 6 && E2BIG == 7 && EBADF == 9);
CHECK(e2, EAGAIN == 11 && ENOMEM == 12 && EACCES == 13 && EFAULT == 14 &&
	  EBUSY == 16 && EEXIST == 17 && ENODEV == 19 && EINVAL == 22);
CHECK(e3, ENOTTY == 25 && EFBIG == 27 && ENOSPC == 28 && EROFS == 30 &&
	  EPIPE == 32 && ERANGE == 34);
CHECK(e4, EDEADLK == 45 && ENOLCK == 46 && ETIME == 62 && EPROTO == 71 &&
	  EOVERFLOW == 79 && ENOSYS == 89 && ENOTEMPTY == 93 &&
	  ETIMEDOUT == 145 && EWOULDBLOCK == EAGAIN);

/*
 * Legacy code initialises physreqs positionally; the private member
 * after phys_flags is left out, as it was on UnixWare (-Wextra's
 * missing-field-initializers warning is about exactly that).
 */
#ifdef __GNUC__
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif
physreq_t svr5ddi_positional = { 1, 0, 24, 0, PREQ_PHYSCONTIG };
bcb_t svr5ddi_bcb_positional = { BA_KVIRT, 0, 65536, NBPSCTR,
				 &svr5ddi_positional };
