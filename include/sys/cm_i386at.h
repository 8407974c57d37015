/*
 * <sys/cm_i386at.h> - resource-manager parameters of PC-architecture
 * boards: the board-instance parameter names, their symbolic values, and
 * the two value types drivers read them into (cm_params(D5)).
 *
 * Every parameter is a NUL-terminated name (at most 15 characters) whose
 * values are stored as the bytes the writer gave, so a driver reads each
 * into the type below:
 *	CM_IRQ, CM_IPL, CM_ITYPE, CM_DMAC, CM_UNIT, CM_BINDCPU, CM_SLOT,
 *	CM_BRDBUSTYPE, CM_BUSNUM, CM_DEVNUM, CM_FUNCNUM, CM_CLAIM,
 *	CM_ENTRYTYPE, CM_TYPE	->  cm_num_t (one value each)
 *	CM_IOADDR, CM_MEMADDR	->  cm_range_t, inclusive bounds; a board may
 *				    have several (read them with cm_n 0, 1...)
 *	CM_MODNAME, CM_BRDID, CM_SBRDID, CM_SCLASSID
 *				->  strings (CM_BRDID of a PCI board is the
 *				    vendor and device id as "0xDDDDVVVV")
 * svr5ddi: x86-64, so cm_num_t is 64 bits wide and the range bounds are
 * 64-bit physical or port addresses.
 */
#ifndef _SVR5DDI_SYS_CM_I386AT_H
#define _SVR5DDI_SYS_CM_I386AT_H

#include <sys/types.h>

/* Board-instance parameters (the old System file's fields). */
#define CM_UNIT		"UNIT"		/* unit field */
#define CM_IPL		"IPL"		/* interrupt priority level */
#define CM_ITYPE	"ITYPE"		/* interrupt type, CM_ITYPE_* */
#define CM_IRQ		"IRQ"		/* interrupt line */
#define CM_IOADDR	"IOADDR"	/* I/O port range(s) */
#define CM_MEMADDR	"MEMADDR"	/* device memory range(s) */
#define CM_DMAC		"DMAC"		/* DMA channel */
#define CM_BINDCPU	"BINDCPU"	/* CPU the interrupt is bound to; -1 none */

/* CM_ITYPE values */
#define CM_ITYPE_EDGE	0x01		/* edge triggered, not shared */
#define CM_ITYPE_LEVEL	0x04		/* level triggered, sharable */

/* What the bus enumerators record about a board. */
#define CM_BRDBUSTYPE	"BRDBUSTYPE"	/* bus the board sits on, CM_BUS_* */
#define CM_BRDID	"BRDID"		/* board id (string) */
#define CM_SBRDID	"SBRDID"	/* subsystem board id (string) */
#define CM_SCLASSID	"SCLASSID"	/* class and subclass (string) */
#define CM_CA_DEVCONFIG	"CA_DEVCONFIG"	/* bus driver's configuration handle */
#define CM_SLOT		"SLOT"		/* slot number */
#define CM_BUSNUM	"BUSNUM"	/* PCI bus number */
#define CM_DEVNUM	"DEVNUM"	/* PCI device number */
#define CM_FUNCNUM	"FUNCNUM"	/* PCI function number */
#define CM_BOOTHBA	"BOOTHBA"	/* marks the boot host adapter */
#define CM_CLAIM	"CLAIM"		/* CM_SET_* parameters the driver owns */

/* CM_BRDBUSTYPE values (a bit each, so a mask of buses can be formed) */
#define CM_BUS_UNK	0x00
#define CM_BUS_ISA	0x01
#define CM_BUS_EISA	0x02
#define CM_BUS_PCI	0x04
#define CM_BUS_PCCARD	0x08
#define CM_BUS_PCMCIA	CM_BUS_PCCARD
#define CM_BUS_PNPISA	0x10
#define CM_BUS_MCA	0x20
#define CM_BUS_SYS	0x40		/* system board devices */
#define CM_BUS_I2O	0x80

/* CM_CLAIM bits */
#define CM_SET_IRQ	0x01
#define CM_SET_ITYPE	0x02
#define CM_SET_IOADDR	0x04
#define CM_SET_MEMADDR	0x08
#define CM_SET_DMAC	0x10

/* Numeric parameter values. */
#ifndef _SVR5DDI_CM_NUM_T
#define _SVR5DDI_CM_NUM_T
typedef long cm_num_t;
#endif

/* CM_IOADDR and CM_MEMADDR values: first and last address, inclusive. */
#ifndef _SVR5DDI_CM_RANGE_T
#define _SVR5DDI_CM_RANGE_T
typedef struct cm_addr_rng {
	paddr_t	startaddr;
	paddr_t	endaddr;
} cm_range_t;
#endif

#endif /* _SVR5DDI_SYS_CM_I386AT_H */
