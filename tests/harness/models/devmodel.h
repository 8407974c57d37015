/* SPDX-License-Identifier: MIT */
/*
 * devmodel.h - simulated devices of the porting-test harness.
 *
 * A driver run by ddiport talks to hardware through port I/O (inb/outb...
 * of <asm/io.h>, dispatched by compat to the model that registered the
 * port range, svr5compat/iomodel.h), takes interrupts (the model raises
 * its line with compat_irq_assert(), svr5compat/context.h: the handler
 * runs on the simulated interrupt thread in hardirq context), and has the
 * device move data by DMA: the model reads and writes the simulated RAM
 * by PHYSICAL address (compat_phys_read/compat_phys_write), exactly where
 * the driver told the hardware to.  So a driver that hands a device an
 * address the device cannot reach is caught the way real hardware would
 * misbehave, and the model says so.
 *
 * Objects:
 *   struct devmodel_machine  the set of devices of one run, with the report
 *                            callback and the interrupt hook.
 *   struct devmodel          one device instance ("disk0"), of a type
 *                            ("isa-disk") found in the registry by name.
 * Life cycle (one thread, the tool's main thread, while no driver touches
 * the device): devmodel_create*() parses and validates the parameters and
 * allocates; devmodel_attach() claims the ports/device memory and starts
 * the device; devmodel_detach() stops it and releases them;
 * devmodel_destroy() frees.  devmodel_machine_destroy() detaches and
 * destroys every instance left.
 *
 * Threads: the port callbacks run on whatever thread accesses the port
 * (the driver's, or the interrupt thread inside a handler), never sleep,
 * and take only the instance's own host mutex.  Interrupts are raised with
 * no model lock held.  Report callbacks are serialised by the machine (the
 * callback need not be thread-safe) and run on the model's thread of the
 * moment, possibly with model locks held: they must not access device
 * ports nor call devmodel functions (copy what they need and return).
 *
 * Reports: every DMA violation (a driver bug: a buffer crossing an ISA DMA
 * boundary, above what the device's address width reaches, outside RAM,
 * in memory the page allocator holds free)
 * and every device-level error (a command the device rejects) is passed
 * to the machine's report callback as a struct devmodel_event, and counted
 * per machine and per device.  With no callback, events are printed to
 * the kernel log (printk, KERN_ERR) as
 *   "devmodel: NAME: TAG: MESSAGE"
 *
 * Library: the models build into the convenience library libsvr5models.la
 * (mk/models.am); link it together with libsvr5ddi.la (or libsvr5compat.la).
 * Include with -I$(top_srcdir)/tests/harness/models; the header needs
 * only <stdint.h>, <stddef.h> and <stdbool.h>, so it mixes with any
 * other header of the tool.
 *
 * ---------------------------------------------------------------------
 * MODEL TYPES AND THEIR PARAMETERS (copied into ddiport(1))
 *
 * Numbers are C-style (0x1f0, 017, 496); sizes take K, M or G (1024-based).
 * Unknown keys and malformed values are errors naming the key.
 *
 * "i8237": the PC/AT pair of 8237A DMA controllers (channels 0-3, 8-bit,
 *   ports 0x00-0x0F; channels 5-7, 16-bit, ports 0xC0-0xDF, channel 4 is
 *   the cascade) and the 74LS612 page registers (0x87 ch0, 0x83 ch1, 0x81
 *   ch2, 0x82 ch3, 0x8F ch4, 0x8B ch5, 0x89 ch6, 0x8A ch7).  Only one per
 *   machine (its ports are fixed); an isa-disk uses the machine's, and
 *   creates one named "i8237" at attach when the scenario declares none.
 *     width=24     DMA address width: 24 (ISA, default) or 32 (EISA: the
 *                  high page registers 0x481-0x48B supply address bits
 *                  24-31).  At width 24 the high page registers exist
 *                  only to catch drivers that write them: a transfer
 *                  with a non-zero high page is an "isa-dma-16m"
 *                  violation and is not performed.
 *   Mode bytes a driver writes: 0x44|ch single "write" (device to
 *   memory: a disk read; Linux calls it DMA_MODE_READ), 0x48|ch single
 *   "read" (memory to device), +0x10 autoinit, +0x20 decrement.
 *   Behaviour: flip-flop (cleared by a write to 0x0C/0xD8), single-mask
 *   (0x0A/0xD4), mode (0x0B/0xD6), all-mask (0x0F/0xDE), clear-mask
 *   (0x0E/0xDC), master clear (0x0D/0xDA), request (0x09/0xD2), status
 *   (0x08/0xD0: TC bits 0-3 cleared on read, request bits 4-7); modes
 *   demand/single/block (cascade accepted, no transfer), address
 *   increment or decrement, autoinit (address and count reload at
 *   terminal count), transfer types write (device to memory), read
 *   (memory to device), verify (no memory access).  On channels 5-7 the
 *   address and count registers count 16-bit words: the byte address is
 *   (page & 0xFE) << 16 | address << 1, and the 128 KiB page is fixed.
 *   Boundary: the address counter is 16 bits; a transfer that carries out
 *   of it wraps within the 64 KiB (8-bit) / 128 KiB (16-bit) page, as the
 *   chip does, and is reported as "isa-dma-boundary" (the driver's buffer
 *   crosses the boundary).  Also reported: "dma-no-ram" (not performed)
 *   and "dma-free-memory" (performed).  Each kind is reported once per
 *   programming of the channel (address, count, page or mode written).
 *   The controller reports under its own name, naming the device on the
 *   channel in the message.  Counters: transfers, bytes, tc (terminal
 *   counts), boundary_wraps, violations.
 *
 * "isa-disk": a block device behind an 8237 channel.  Eight 8-bit ports:
 *     base+0  W: command  ISADISK_CMD_*      R: status ISADISK_ST_*
 *     base+1  W: status acknowledge (bits written as 1 are cleared)
 *             R: error code ISADISK_ERR_* of the last command
 *     base+2..base+5  LBA, least significant byte first (R/W)
 *     base+6  sector count (R/W), 0 means 256
 *     base+7  R: capacity in sectors >> 16 (at most 0xFF), so a probe
 *             sees the size in 64 Ki-sector units (32M: 1)
 *             W: interrupt enable (bit 0, 1 after reset)
 *   Word and long accesses at base+2 reach the LBA bytes in order.
 *   IDENTIFY loads the LBA registers with the capacity in sectors and
 *   completes at once (DONE, IRQ; no DMA).  A READ moves count sectors
 *   from the disk to memory through the DMA channel (which the driver
 *   programs first in "write" mode: device to memory); WRITE the other
 *   way ("read" mode).  On completion, BUSY
 *   clears, DONE (and ERROR if it failed) sets, and the IRQ is raised if
 *   enabled; the driver acknowledges by writing DONE|ERROR to base+1.  A
 *   command while BUSY or DONE is still set is rejected (ERR_BUSY, a
 *   device error).  Errors: LBA range beyond the capacity, channel masked
 *   or programmed for the wrong direction, terminal count reached before
 *   the last sector (the channel's count too small), bad command (all
 *   device errors, reported by the disk), and ERR_MEM when the 8237
 *   refused the memory (its violation, reported by the controller).
 *     io=0x320       first port (8 ports)
 *     irq=5          interrupt line
 *     dma=1          8237 channel (0-3, 5-7)
 *     capacity=1M    disk size in bytes (a multiple of sector)
 *     sector=512     sector size in bytes (128..4096, a power of two)
 *     fill=zero      initial contents: zero, or pattern (byte i of sector
 *                    s is (s * 7 + i) & 0xFF, see isadisk_pattern_byte)
 *     latency=0      microseconds from command to completion; 0: the
 *                    transfer runs during the command's outb and the IRQ
 *                    is raised at once (delivered asynchronously on the
 *                    interrupt thread); > 0: a device thread completes it
 *                    after the delay.
 *     dmac=NAME      the i8237 instance to use (default: the machine's)
 *   Counters: reads, writes, sectors_read, sectors_written, irqs, errors.
 *
 * "busmaster-nic": a PCI bus-master network-like device with descriptor
 *   rings in RAM (layout below), an I/O-port register block, one
 *   interrupt line, loopback.  Every descriptor-ring or buffer address the
 *   device's DMA width cannot reach is reported ("dma-width", with the
 *   address and width) and NOT performed: the descriptor completes with
 *   BMNIC_DESC_ERR (a ring the device cannot reach stops that ring and
 *   sets BMNIC_ST_DMAERR instead).  Memory outside RAM is refused the
 *   same way ("dma-no-ram"); memory the allocator holds free is reported
 *   ("dma-free-memory") and used.
 *     io=0xd000      first port (BMNIC_IO_LEN ports, aligned to 64)
 *     irq=11         interrupt line
 *     width=32       DMA address width in bits: 24, 32 or 64
 *     vendor=0x5356  PCI vendor ID        device=0x4e01  PCI device ID
 *     subvendor=0x5356 subdevice=0x0001   revision=1
 *     class=0x020000 PCI class code (network, ethernet)
 *     bus=0 slot=3 func=0   PCI location
 *     loopback=1     1: each transmitted frame is received into the next
 *                    RX descriptor (RX interrupt); 0: frames go to the
 *                    "wire" (devmodel_collect) and frames arrive with
 *                    devmodel_inject
 *     mtu=1514       largest frame in bytes (a longer TX descriptor is a
 *                    device error)
 *   Counters: tx_frames, tx_bytes, rx_frames, rx_bytes, rx_dropped (no RX
 *   descriptor free), irqs, width_violations, dma_errors.
 * ---------------------------------------------------------------------
 */
#ifndef SVR5DDI_HARNESS_DEVMODEL_H
#define SVR5DDI_HARNESS_DEVMODEL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct devmodel_machine;
struct devmodel;

/* ---- events: what the models report ---- */

enum devmodel_event_kind {
	DEVMODEL_DMA_VIOLATION,		/* the driver set up a DMA wrongly */
	DEVMODEL_DEVICE_ERROR,		/* the device rejected an operation */
	DEVMODEL_NR_KINDS
};

/*
 * Stable tags (event.tag), for the report and expected-report files.
 * DMA violations:
 *   isa-dma-boundary  an 8237 transfer carried out of the 16-bit address
 *                     counter: it wrapped inside its 64/128 KiB page
 *   isa-dma-16m       an 8237 transfer at or above 16 MiB (width 24)
 *   dma-width         a bus-master address beyond the device's width
 *   dma-no-ram        a device access outside present RAM
 *   dma-free-memory   a device access to RAM the page allocator holds
 *                     free: a freed buffer, or an address cut short (an
 *                     ISA page register drops bits 24-31); performed, as
 *                     the hardware would
 * Device errors:
 *   dma-mode          8237 channel masked, or its direction wrong for the
 *                     device's transfer
 *   dma-short         terminal count before the device's transfer ended
 *   bad-command       unknown command or register value
 *   busy              a command while the device is busy
 *   bad-lba           a block range beyond the disk
 *   bad-length        a TX length of 0 or above the MTU, a ring length
 *                     of 0 or above BMNIC_RING_MAX, a tail beyond the ring
 *   rx-overflow       a received frame longer than the RX buffer
 */
#define DEVMODEL_TAG_ISA_BOUNDARY	"isa-dma-boundary"
#define DEVMODEL_TAG_ISA_16M		"isa-dma-16m"
#define DEVMODEL_TAG_DMA_WIDTH		"dma-width"
#define DEVMODEL_TAG_DMA_NO_RAM		"dma-no-ram"
#define DEVMODEL_TAG_DMA_FREE		"dma-free-memory"
#define DEVMODEL_TAG_DMA_MODE		"dma-mode"
#define DEVMODEL_TAG_DMA_SHORT		"dma-short"
#define DEVMODEL_TAG_BAD_COMMAND	"bad-command"
#define DEVMODEL_TAG_BUSY		"busy"
#define DEVMODEL_TAG_BAD_LBA		"bad-lba"
#define DEVMODEL_TAG_BAD_LENGTH		"bad-length"
#define DEVMODEL_TAG_RX_OVERFLOW	"rx-overflow"

struct devmodel_event {
	enum devmodel_event_kind kind;
	const char *device;	/* instance name, "disk0" */
	const char *type;	/* model type, "isa-disk" */
	const char *tag;	/* DEVMODEL_TAG_* */
	const char *message;	/* one line, no newline, names the numbers */
	uint64_t phys;		/* first physical address involved, or 0 */
	uint64_t len;		/* bytes involved, or 0 */
	unsigned int width;	/* DMA address width of the path (24/32/64), or 0 */
	int channel;		/* 8237 channel, or -1 */
};

/* @ev and its strings are valid during the call only: copy them. */
typedef void (*devmodel_report_fn)(const struct devmodel_event *ev,
				   void *arg);

/* ---- the machine ---- */

/*
 * devmodel_machine_create - an empty set of devices.  @report (may be
 * NULL: events go to printk) receives every event.  NULL on no memory.
 */
struct devmodel_machine *devmodel_machine_create(devmodel_report_fn report,
						 void *arg);
/* Detach and destroy every device, then the machine. */
void devmodel_machine_destroy(struct devmodel_machine *m);

/*
 * Interrupt hook: how the models raise a line.  The default is
 * compat_irq_assert(irq) (asynchronous hardirq delivery).  A tool may
 * interpose to log or count interrupts; the hook must deliver the
 * interrupt the same way (or call compat_irq_assert itself).  Returns
 * what compat_irq_assert returns (-ENOENT: nobody registered the line;
 * the model counts it in its "irqs" counter all the same).
 */
typedef int (*devmodel_irq_fn)(unsigned int irq, void *arg);
void devmodel_machine_set_irq_hook(struct devmodel_machine *m,
				   devmodel_irq_fn fn, void *arg);

/* Events reported so far of @kind (all devices, including destroyed). */
unsigned long devmodel_machine_events(struct devmodel_machine *m,
				      enum devmodel_event_kind kind);

/*
 * Wait until every device of the machine is idle (no command in flight in
 * a device thread) and every interrupt raised so far has been handled
 * (compat_irq_sync()).  Context: process, may sleep.
 */
void devmodel_machine_sync(struct devmodel_machine *m);

/* ---- the registry of model types ---- */

struct devmodel_param {
	const char *key;
	const char *def;	/* default, as text; NULL: required */
	const char *help;	/* one line */
};

struct devmodel_ops;		/* the model's methods (devmodel_impl.h) */

struct devmodel_type {
	const char *name;		/* "isa-disk" */
	const char *summary;		/* one line */
	const struct devmodel_param *params;	/* ends with { NULL } */
	const struct devmodel_ops *ops;
};

/* NULL-terminated list of every type, in a stable order. */
extern const struct devmodel_type *const devmodel_types[];
/* The type named @name, or NULL. */
const struct devmodel_type *devmodel_type_find(const char *name);

/* ---- instances ---- */

struct devmodel_kv {
	const char *key;
	const char *value;
};

/*
 * devmodel_create - a new device of type @type named @name (unique in the
 * machine; NULL: "TYPE" then "TYPE1", "TYPE2"...), parameters from @kv
 * (@nkv pairs; keys not given take their default).  On failure returns
 * NULL and writes a one-line reason into @err (if @errlen > 0): unknown
 * type, unknown key (the message lists the valid ones), bad value, name
 * taken.  The device is not attached yet.
 */
struct devmodel *devmodel_create(struct devmodel_machine *m,
				 const char *type, const char *name,
				 const struct devmodel_kv *kv, size_t nkv,
				 char *err, size_t errlen);
/* The same, parameters as one string "io=0x320 irq=5,dma=1" (blanks or
 * commas between pairs). */
struct devmodel *devmodel_create_str(struct devmodel_machine *m,
				     const char *type, const char *name,
				     const char *params,
				     char *err, size_t errlen);

/*
 * devmodel_attach - claim the device's ports (compat_io_register_ports)
 * and device memory, start its thread if it has one.  0, or -errno with a
 * reason in @err: -EBUSY when a port range is taken (by another device of
 * the machine or by someone else), -ENODEV when a device it needs (the
 * i8237 an isa-disk names with dmac=) is missing.
 */
int devmodel_attach(struct devmodel *dm, char *err, size_t errlen);
/* Stop the device (a command not yet run is abandoned; no interrupt is
 * raised after it returns), release its ports. */
void devmodel_detach(struct devmodel *dm);
/* Detach if attached, remove from the machine, free. */
void devmodel_destroy(struct devmodel *dm);

struct devmodel *devmodel_find(struct devmodel_machine *m, const char *name);
/* Iterate in creation order: devmodel_next(m, NULL) is the first. */
struct devmodel *devmodel_next(struct devmodel_machine *m,
			       struct devmodel *prev);
const char *devmodel_name(const struct devmodel *dm);
const struct devmodel_type *devmodel_type_of(const struct devmodel *dm);
bool devmodel_attached(const struct devmodel *dm);

/*
 * Resources: what a resource manager would hold for the device, so the
 * tool can fill CM_IOADDR, CM_IRQ, CM_DMAC, CM_BRDID... from the model.
 */
struct devmodel_resources {
	unsigned long io_base;		/* first port; io_len 0: none */
	unsigned long io_len;
	int irq;			/* -1: none */
	int dma_channel;		/* -1: none */
	uint64_t mem_base;		/* device memory; mem_len 0: none */
	uint64_t mem_len;
	unsigned int dma_width;		/* address bits its DMA reaches */
	bool pci;			/* the PCI fields below are valid */
	uint16_t vendor, device, subvendor, subdevice;
	uint32_t class_code;		/* 24 bits: class, subclass, prog-if */
	uint8_t revision;
	unsigned int bus, slot, func;
};
void devmodel_resources(const struct devmodel *dm,
			struct devmodel_resources *res);

/*
 * Counters: a snapshot of the device's counters (names as listed above,
 * in a fixed order) plus "violations" and "errors" (its events of each
 * kind).  Fills at most @max entries; returns how many the device has.
 */
struct devmodel_counter {
	const char *name;
	uint64_t value;
};
size_t devmodel_counters(struct devmodel *dm, struct devmodel_counter *out,
			 size_t max);
/* One counter by name; false if the device has no such counter. */
bool devmodel_counter(struct devmodel *dm, const char *name,
		      uint64_t *value);
/* Events of @kind this device reported. */
unsigned long devmodel_events(struct devmodel *dm,
			      enum devmodel_event_kind kind);

/*
 * Contents, for tests and scenarios:
 * devmodel_backing - the device's backing store (isa-disk: the disk
 * image, *@len its size), which tests preset and verify directly; NULL
 * for a device without one.  Do not change it while a command runs.
 * devmodel_inject - a frame arrives from the wire (busmaster-nic): it is
 * received into the next RX descriptor; -ENOSPC when none is free (the
 * frame is dropped and counted), -E2BIG above the MTU, -ENOSYS for a
 * device that takes no input, -ENODEV when not attached or not enabled.
 * devmodel_collect - take the oldest frame the device sent to the wire
 * (busmaster-nic with loopback=0; the last 64 are kept): its length, at
 * most @max bytes copied; -ENOENT when none, -ENOSYS as above.
 */
void *devmodel_backing(struct devmodel *dm, size_t *len);
int devmodel_inject(struct devmodel *dm, const void *data, size_t len);
long devmodel_collect(struct devmodel *dm, void *buf, size_t max);

/* ---- isa-disk registers ---- */

#define ISADISK_IO_LEN		8
#define ISADISK_REG_CMD		0	/* W: command, R: status */
#define ISADISK_REG_ACK		1	/* W: acknowledge, R: error code */
#define ISADISK_REG_LBA		2	/* 4 bytes, LSB first */
#define ISADISK_REG_COUNT	6
#define ISADISK_REG_CTL		7	/* W: bit 0 interrupt enable;
					 * R: capacity in sectors >> 16 */

#define ISADISK_CMD_READ	0x01	/* disk -> memory (8237 "write") */
#define ISADISK_CMD_WRITE	0x02	/* memory -> disk (8237 "read") */
#define ISADISK_CMD_IDENTIFY	0x04	/* LBA registers := capacity */
#define ISADISK_CMD_RESET	0x08	/* abort, clear status, IRQ enable on */

#define ISADISK_ST_BUSY		0x01
#define ISADISK_ST_DONE		0x02	/* completion pending acknowledge */
#define ISADISK_ST_ERROR	0x04	/* with DONE: the command failed */
#define ISADISK_ST_READY	0x40	/* always set while attached */

#define ISADISK_ERR_NONE	0
#define ISADISK_ERR_LBA		1	/* range beyond the capacity */
#define ISADISK_ERR_DMA		2	/* channel masked / wrong direction */
#define ISADISK_ERR_SHORT	3	/* terminal count before the end */
#define ISADISK_ERR_CMD		4	/* bad command */
#define ISADISK_ERR_BUSY	5	/* command while busy or done */
#define ISADISK_ERR_MEM		6	/* DMA violation (16 MiB, no RAM) */

/* Byte @i of sector @s of a disk created with fill=pattern. */
static inline uint8_t isadisk_pattern_byte(uint64_t s, unsigned int i)
{
	return (uint8_t)((s * 7 + i) & 0xFF);
}

/* ---- busmaster-nic registers and descriptors ---- */

/*
 * Registers, 32-bit (outl/inl) at io + offset.  Little-endian like all
 * PCI.  Narrower accesses read/write the low bytes of the register.
 */
#define BMNIC_IO_LEN		0x40
#define BMNIC_REG_CTRL		0x00	/* R/W: BMNIC_CTRL_* */
#define BMNIC_REG_STATUS	0x04	/* R: BMNIC_ST_* */
#define BMNIC_REG_IMASK		0x08	/* R/W: interrupt enable, BMNIC_INT_* */
#define BMNIC_REG_ISTATUS	0x0C	/* R: pending; W: 1s clear (ack) */
#define BMNIC_REG_TXBASE_LO	0x10	/* TX ring physical address, bits 0-31 */
#define BMNIC_REG_TXBASE_HI	0x14	/* bits 32-63 */
#define BMNIC_REG_RXBASE_LO	0x18
#define BMNIC_REG_RXBASE_HI	0x1C
#define BMNIC_REG_TXLEN		0x20	/* descriptors in the TX ring */
#define BMNIC_REG_RXLEN		0x24	/* descriptors in the RX ring */
#define BMNIC_REG_TXTAIL	0x28	/* W: doorbell: index one past the last
					 * descriptor ready to send */
#define BMNIC_REG_RXTAIL	0x2C	/* W: doorbell: index one past the last
					 * empty buffer given to the device */
#define BMNIC_REG_TXHEAD	0x30	/* R: next TX descriptor the device
					 * will process */
#define BMNIC_REG_RXHEAD	0x34	/* R: next RX descriptor it will fill */
/* Writing a ring's base or length resets its head and tail to 0; a tail
 * at or beyond the ring length is a device error ("bad-length"), ignored.
 * TX work starts at the TX doorbell (or at ENABLE if work is queued); RX
 * descriptors are used as frames arrive. */
#define BMNIC_REG_ID		0x38	/* R: device << 16 | vendor */
#define BMNIC_REG_WIDTH		0x3C	/* R: DMA address width in bits */

#define BMNIC_CTRL_ENABLE	0x01	/* run: process rings */
#define BMNIC_CTRL_RESET	0x02	/* W: reset everything (self-clearing):
					 * rings, heads, tails, mask, status */

#define BMNIC_ST_ENABLED	0x01
#define BMNIC_ST_LINK		0x02	/* always set */
#define BMNIC_ST_DMAERR		0x04	/* a ring was unreachable: stopped
					 * until reset */

#define BMNIC_INT_TX		0x01	/* TX descriptors completed */
#define BMNIC_INT_RX		0x02	/* a frame was received */
#define BMNIC_INT_ERR		0x04	/* a DMA error (ring or buffer) */

#define BMNIC_RING_MAX		4096	/* most descriptors in a ring */

/*
 * Descriptor: 16 bytes, little-endian, in a physically contiguous ring of
 * TXLEN/RXLEN entries (16-byte aligned; the ring must lie wholly inside
 * the device's DMA width).  The driver owns descriptors [head, tail) only
 * by giving them (writing tail); the device processes head..tail-1 in
 * order, writes the descriptor back (status, and len for RX), advances
 * head (mod ring length) and raises the interrupt.  Ring empty: head ==
 * tail; the driver keeps one slot free (at most LEN - 1 outstanding).
 *   addr    buffer physical address (64 bits; must be reachable)
 *   len     TX: frame length (1..mtu); RX: the buffer size given by the
 *           driver, rewritten by the device with the received length
 *   flags   reserved, 0
 *   status  device-set, 0 from the driver: BMNIC_DESC_DONE, plus ERR
 */
struct bmnic_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t status;
};

#define BMNIC_DESC_SIZE		16
#define BMNIC_DESC_DONE		0x0001	/* processed */
#define BMNIC_DESC_ERR		0x0002	/* not performed: see the report */
#define BMNIC_DESC_TRUNC	0x0004	/* RX: frame longer than the buffer,
					 * truncated (also reported) */

#endif
