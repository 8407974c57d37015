/* SPDX-License-Identifier: MIT */
/*
 * busmaster.c - a PCI bus-master network-like device with descriptor
 * rings (devmodel type "busmaster-nic"; registers, descriptor layout and
 * parameters in devmodel.h).
 *
 * Theory.  The driver gives the device two rings of 16-byte descriptors
 * in RAM by physical address (TX and RX base, length) and hands it work
 * by writing a ring's tail (the doorbell).  The device, running inside
 * that outb/outl, walks its head up to the tail: for TX it reads each
 * descriptor and its frame by physical address, sends the frame (to the
 * next RX descriptor when loopback=1, to the "wire" queue otherwise) and
 * writes the descriptor's status back; for RX (a looped-back or injected
 * frame) it writes the frame into the next RX buffer and the received
 * length and status into the descriptor.  Completions set bits in the
 * interrupt status register; the line is level-triggered, as on PCI: it
 * is asserted while (status & mask) != 0, so the model raises the
 * interrupt when the level rises and again when an acknowledge leaves
 * it high (the interrupt controller would re-deliver it).
 *
 * The point of the model is the address width: a device with 24- or
 * 32-bit DMA cannot put bits above that on the bus.  Every ring and
 * buffer address is checked against the width before use; one the
 * device cannot reach is reported ("dma-width", with address and width)
 * and NOT performed: an unreachable buffer completes its descriptor with
 * BMNIC_DESC_ERR, an unreachable ring stops the device (BMNIC_ST_DMAERR)
 * until reset.  Reports of a ring are made once per programming of its
 * base and length.
 *
 * Locking: dm->lock guards registers and the wire queue; the device works
 * with it held (compat_phys_* do not sleep), and interrupts go out at
 * dm_unlock().  The host is little-endian, as the descriptors are.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <svr5compat/iomodel.h>
#include "devmodel_impl.h"

enum {
	C_TX_FRAMES,
	C_TX_BYTES,
	C_RX_FRAMES,
	C_RX_BYTES,
	C_RX_DROPPED,
	C_IRQS,
	C_WIDTH_VIOLATIONS,
	C_DMA_ERRORS,
};

static const char *const bmnic_counters[] = {
	"tx_frames", "tx_bytes", "rx_frames", "rx_bytes", "rx_dropped",
	"irqs", "width_violations", "dma_errors", NULL
};

#define WIRE_MAX	64

_Static_assert(sizeof(struct bmnic_desc) == BMNIC_DESC_SIZE,
	       "descriptor layout");
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	       "descriptors are little-endian and read as host structs");

struct wire_frame {
	size_t len;
	uint8_t *data;
};

struct bmnic_ring {
	uint64_t base;
	uint32_t len, head, tail;
	bool flagged;		/* reported since last programmed */
	bool flagged_free;
};

struct bmnic {
	/* parameters */
	unsigned long io;
	unsigned int irq;
	unsigned int width;
	uint16_t vendor, device, subvendor, subdevice;
	uint32_t class_code;
	uint8_t revision;
	unsigned int bus, slot, func;
	bool loopback;
	unsigned int mtu;

	bool registered;
	uint8_t *frame;		/* mtu bytes */

	/* registers */
	uint32_t ctrl, status, imask, istatus;
	struct bmnic_ring tx, rx;
	bool line;		/* interrupt line level */

	struct wire_frame wire[WIRE_MAX];
	unsigned int wire_first, wire_count;
};

static bool reachable(const struct bmnic *d, uint64_t addr, uint64_t len)
{
	uint64_t limit;

	if (len && addr + len - 1 < addr)
		return false;		/* wraps the 64-bit space */
	if (d->width >= 64)
		return true;
	limit = 1ULL << d->width;
	return addr < limit && len <= limit - addr;
}

static void update_irq(struct devmodel *dm, bool ack)
{
	struct bmnic *d = dm->priv;
	bool level = d->istatus & d->imask;

	if (level && (!d->line || ack)) {
		dm_count(dm, C_IRQS, 1);
		dm_raise_irq(dm, d->irq);
	}
	d->line = level;
}

static void reset(struct bmnic *d)
{
	d->ctrl = 0;
	d->status = 0;
	d->imask = 0;
	d->istatus = 0;
	memset(&d->tx, 0, sizeof(d->tx));
	memset(&d->rx, 0, sizeof(d->rx));
	d->line = false;
}

static void ring_error(struct devmodel *dm)
{
	struct bmnic *d = dm->priv;

	d->status |= BMNIC_ST_DMAERR;
	d->istatus |= BMNIC_INT_ERR;
	dm_count(dm, C_DMA_ERRORS, 1);
}

/* can the device use @r now?  Reports (once) why not. */
static bool ring_ok(struct devmodel *dm, struct bmnic_ring *r,
		    const char *which)
{
	struct bmnic *d = dm->priv;
	uint64_t bytes = (uint64_t)r->len * BMNIC_DESC_SIZE;
	uint64_t where;

	if (!(d->ctrl & BMNIC_CTRL_ENABLE) || (d->status & BMNIC_ST_DMAERR))
		return false;
	if (!r->len || r->len > BMNIC_RING_MAX) {
		if (!r->flagged) {
			r->flagged = true;
			dm_report(dm, DEVMODEL_DEVICE_ERROR,
				  DEVMODEL_TAG_BAD_LENGTH, r->base, 0, d->width,
				  -1, "%s ring length %u (1..%u)", which,
				  r->len, BMNIC_RING_MAX);
		}
		return false;
	}
	if (!reachable(d, r->base, bytes)) {
		if (!r->flagged) {
			r->flagged = true;
			dm_count(dm, C_WIDTH_VIOLATIONS, 1);
			dm_report(dm, DEVMODEL_DMA_VIOLATION,
				  DEVMODEL_TAG_DMA_WIDTH, r->base, bytes,
				  d->width, -1,
				  "%s descriptor ring at %#llx-%#llx is beyond the device's %u-bit DMA reach; ring stopped",
				  which, (unsigned long long)r->base,
				  (unsigned long long)(r->base + bytes - 1),
				  d->width);
		}
		ring_error(dm);
		update_irq(dm, false);
		return false;
	}
	if (!r->flagged_free && dm_free_memory(r->base, bytes, &where)) {
		r->flagged_free = true;
		dm_report(dm, DEVMODEL_DMA_VIOLATION, DEVMODEL_TAG_DMA_FREE,
			  where, bytes, d->width, -1,
			  "%s descriptor ring at %#llx reaches free memory at %#llx: the ring was freed or its address is wrong",
			  which, (unsigned long long)r->base,
			  (unsigned long long)where);
	}
	return true;
}

static bool read_desc(struct devmodel *dm, struct bmnic_ring *r,
		      const char *which, struct bmnic_desc *desc)
{
	struct bmnic *d = dm->priv;
	uint64_t a = r->base + (uint64_t)r->head * BMNIC_DESC_SIZE;

	if (!compat_phys_read(a, desc, sizeof(*desc)))
		return true;
	dm_report(dm, DEVMODEL_DMA_VIOLATION, DEVMODEL_TAG_DMA_NO_RAM, a,
		  BMNIC_DESC_SIZE, d->width, -1,
		  "%s descriptor %u at %#llx is not RAM; ring stopped", which,
		  r->head, (unsigned long long)a);
	ring_error(dm);
	return false;
}

static void write_back(struct devmodel *dm, struct bmnic_ring *r,
		       const char *which, const struct bmnic_desc *desc)
{
	struct bmnic *d = dm->priv;
	uint64_t a = r->base + (uint64_t)r->head * BMNIC_DESC_SIZE;

	/* len, flags, status: the address is the driver's */
	if (compat_phys_write(a + 8, (const uint8_t *)desc + 8, 8)) {
		dm_report(dm, DEVMODEL_DMA_VIOLATION, DEVMODEL_TAG_DMA_NO_RAM,
			  a, BMNIC_DESC_SIZE, d->width, -1,
			  "%s descriptor %u at %#llx is not RAM", which,
			  r->head, (unsigned long long)a);
		ring_error(dm);
	}
	r->head = (r->head + 1) % r->len;
}

/* buffer check: 0 if usable, else the descriptor error (reported) */
static int check_buffer(struct devmodel *dm, const char *which,
			unsigned int idx, uint64_t addr, uint64_t len)
{
	struct bmnic *d = dm->priv;
	uint64_t where;

	if (reachable(d, addr, len)) {
		if (dm_free_memory(addr, len, &where))
			dm_report(dm, DEVMODEL_DMA_VIOLATION,
				  DEVMODEL_TAG_DMA_FREE, where, len, d->width,
				  -1,
				  "%s descriptor %u: buffer %#llx-%#llx reaches free memory at %#llx: the buffer was freed or its address is wrong",
				  which, idx, (unsigned long long)addr,
				  (unsigned long long)(addr + len - 1),
				  (unsigned long long)where);
		return 0;
	}
	dm_count(dm, C_WIDTH_VIOLATIONS, 1);
	dm_report(dm, DEVMODEL_DMA_VIOLATION, DEVMODEL_TAG_DMA_WIDTH, addr,
		  len, d->width, -1,
		  "%s descriptor %u: buffer %#llx-%#llx is beyond the device's %u-bit DMA reach; not performed",
		  which, idx, (unsigned long long)addr,
		  (unsigned long long)(addr + len - 1), d->width);
	d->istatus |= BMNIC_INT_ERR;
	return BMNIC_DESC_ERR;
}

static void no_ram(struct devmodel *dm, const char *which, unsigned int idx,
		   uint64_t addr, uint64_t len)
{
	struct bmnic *d = dm->priv;

	dm_count(dm, C_DMA_ERRORS, 1);
	dm_report(dm, DEVMODEL_DMA_VIOLATION, DEVMODEL_TAG_DMA_NO_RAM, addr,
		  len, d->width, -1,
		  "%s descriptor %u: buffer %#llx-%#llx is not RAM; not performed",
		  which, idx, (unsigned long long)addr,
		  (unsigned long long)(addr + len - 1));
	d->istatus |= BMNIC_INT_ERR;
}

/* a frame arrives: into the next RX descriptor.  dm->lock held. */
static int receive(struct devmodel *dm, const uint8_t *frame, size_t flen)
{
	struct bmnic *d = dm->priv;
	struct bmnic_ring *r = &d->rx;
	struct bmnic_desc desc;
	unsigned int idx = r->head;
	size_t n = flen;

	if (!ring_ok(dm, r, "RX") || r->head == r->tail) {
		dm_count(dm, C_RX_DROPPED, 1);
		return (d->ctrl & BMNIC_CTRL_ENABLE) &&
		       !(d->status & BMNIC_ST_DMAERR) && r->len ?
		       -ENOSPC : -ENODEV;
	}
	if (!read_desc(dm, r, "RX", &desc)) {
		dm_count(dm, C_RX_DROPPED, 1);
		update_irq(dm, false);
		return -EIO;
	}
	desc.status = BMNIC_DESC_DONE;
	if (n > desc.len) {
		dm_report(dm, DEVMODEL_DEVICE_ERROR, DEVMODEL_TAG_RX_OVERFLOW,
			  desc.addr, flen, d->width, -1,
			  "RX descriptor %u: %zu-byte frame into a %u-byte buffer; truncated",
			  idx, flen, desc.len);
		n = desc.len;
		desc.status |= BMNIC_DESC_TRUNC;
	}
	desc.status |= check_buffer(dm, "RX", idx, desc.addr, n);
	if (!(desc.status & BMNIC_DESC_ERR) && n &&
	    compat_phys_write(desc.addr, frame, n)) {
		no_ram(dm, "RX", idx, desc.addr, n);
		desc.status |= BMNIC_DESC_ERR;
	}
	if (desc.status & BMNIC_DESC_ERR) {
		n = 0;
	} else {
		dm_count(dm, C_RX_FRAMES, 1);
		dm_count(dm, C_RX_BYTES, n);
	}
	desc.len = n;
	write_back(dm, r, "RX", &desc);
	d->istatus |= BMNIC_INT_RX;
	update_irq(dm, false);
	return 0;
}

static void wire_push(struct bmnic *d, const uint8_t *frame, size_t len)
{
	struct wire_frame *w;
	uint8_t *copy = malloc(len);

	if (!copy)
		return;
	memcpy(copy, frame, len);
	if (d->wire_count == WIRE_MAX) {	/* drop the oldest */
		free(d->wire[d->wire_first].data);
		d->wire_first = (d->wire_first + 1) % WIRE_MAX;
		d->wire_count--;
	}
	w = &d->wire[(d->wire_first + d->wire_count) % WIRE_MAX];
	w->data = copy;
	w->len = len;
	d->wire_count++;
}

static void process_tx(struct devmodel *dm)
{
	struct bmnic *d = dm->priv;
	struct bmnic_ring *r = &d->tx;
	struct bmnic_desc desc;
	unsigned int idx;
	bool sent;

	if (r->head == r->tail || !ring_ok(dm, r, "TX"))
		return;
	while (r->head != r->tail) {
		idx = r->head;
		if (!read_desc(dm, r, "TX", &desc))
			break;
		desc.status = BMNIC_DESC_DONE;
		sent = false;
		if (!desc.len || desc.len > d->mtu) {
			dm_report(dm, DEVMODEL_DEVICE_ERROR,
				  DEVMODEL_TAG_BAD_LENGTH, desc.addr, desc.len,
				  d->width, -1,
				  "TX descriptor %u: frame length %u (1..%u)",
				  idx, desc.len, d->mtu);
			desc.status |= BMNIC_DESC_ERR;
			d->istatus |= BMNIC_INT_ERR;
		} else if (check_buffer(dm, "TX", idx, desc.addr, desc.len)) {
			desc.status |= BMNIC_DESC_ERR;
		} else if (compat_phys_read(desc.addr, d->frame, desc.len)) {
			no_ram(dm, "TX", idx, desc.addr, desc.len);
			desc.status |= BMNIC_DESC_ERR;
		} else {
			sent = true;
			dm_count(dm, C_TX_FRAMES, 1);
			dm_count(dm, C_TX_BYTES, desc.len);
		}
		write_back(dm, r, "TX", &desc);
		d->istatus |= BMNIC_INT_TX;
		if (sent) {
			if (d->loopback)
				receive(dm, d->frame, desc.len);
			else
				wire_push(d, d->frame, desc.len);
		}
		if (d->status & BMNIC_ST_DMAERR)
			break;
	}
	update_irq(dm, false);
}

static void set_tail(struct devmodel *dm, struct bmnic_ring *r,
		     const char *which, uint32_t v)
{
	struct bmnic *d = dm->priv;

	if (!r->len || v >= r->len) {
		dm_report(dm, DEVMODEL_DEVICE_ERROR, DEVMODEL_TAG_BAD_LENGTH,
			  r->base, 0, d->width, -1,
			  "%s tail %u written for a ring of %u descriptors; ignored",
			  which, v, r->len);
		return;
	}
	r->tail = v;
}

static uint32_t reg_read(struct bmnic *d, unsigned int reg)
{
	switch (reg) {
	case BMNIC_REG_CTRL:
		return d->ctrl;
	case BMNIC_REG_STATUS:
		return d->status | BMNIC_ST_LINK |
		       (d->ctrl & BMNIC_CTRL_ENABLE ? BMNIC_ST_ENABLED : 0);
	case BMNIC_REG_IMASK:
		return d->imask;
	case BMNIC_REG_ISTATUS:
		return d->istatus;
	case BMNIC_REG_TXBASE_LO:
		return (uint32_t)d->tx.base;
	case BMNIC_REG_TXBASE_HI:
		return d->tx.base >> 32;
	case BMNIC_REG_RXBASE_LO:
		return (uint32_t)d->rx.base;
	case BMNIC_REG_RXBASE_HI:
		return d->rx.base >> 32;
	case BMNIC_REG_TXLEN:
		return d->tx.len;
	case BMNIC_REG_RXLEN:
		return d->rx.len;
	case BMNIC_REG_TXTAIL:
		return d->tx.tail;
	case BMNIC_REG_RXTAIL:
		return d->rx.tail;
	case BMNIC_REG_TXHEAD:
		return d->tx.head;
	case BMNIC_REG_RXHEAD:
		return d->rx.head;
	case BMNIC_REG_ID:
		return (uint32_t)d->device << 16 | d->vendor;
	case BMNIC_REG_WIDTH:
		return d->width;
	}
	return 0xFFFFFFFF;
}

static void program(struct bmnic_ring *r)
{
	r->flagged = false;
	r->flagged_free = false;
	r->head = r->tail = 0;
}

static void reg_write(struct devmodel *dm, unsigned int reg, uint32_t v)
{
	struct bmnic *d = dm->priv;

	switch (reg) {
	case BMNIC_REG_CTRL:
		if (v & BMNIC_CTRL_RESET) {
			reset(d);
			return;
		}
		d->ctrl = v & BMNIC_CTRL_ENABLE;
		if (d->ctrl & BMNIC_CTRL_ENABLE)
			process_tx(dm);
		break;
	case BMNIC_REG_IMASK:
		d->imask = v & (BMNIC_INT_TX | BMNIC_INT_RX | BMNIC_INT_ERR);
		update_irq(dm, false);
		break;
	case BMNIC_REG_TXBASE_LO:
		d->tx.base = (d->tx.base & ~0xFFFFFFFFULL) | v;
		program(&d->tx);
		break;
	case BMNIC_REG_TXBASE_HI:
		d->tx.base = (d->tx.base & 0xFFFFFFFFULL) | (uint64_t)v << 32;
		program(&d->tx);
		break;
	case BMNIC_REG_RXBASE_LO:
		d->rx.base = (d->rx.base & ~0xFFFFFFFFULL) | v;
		program(&d->rx);
		break;
	case BMNIC_REG_RXBASE_HI:
		d->rx.base = (d->rx.base & 0xFFFFFFFFULL) | (uint64_t)v << 32;
		program(&d->rx);
		break;
	case BMNIC_REG_TXLEN:
		d->tx.len = v;
		program(&d->tx);
		break;
	case BMNIC_REG_RXLEN:
		d->rx.len = v;
		program(&d->rx);
		break;
	case BMNIC_REG_TXTAIL:
		set_tail(dm, &d->tx, "TX", v);
		process_tx(dm);
		break;
	case BMNIC_REG_RXTAIL:
		set_tail(dm, &d->rx, "RX", v);
		break;
	default:		/* read-only */
		break;
	}
}

static u32 bmnic_in(void *model, unsigned long port, unsigned int width)
{
	struct devmodel *dm = model;
	struct bmnic *d = dm->priv;
	unsigned int off = port - d->io, shift = 8 * (off & 3);
	u32 v;

	dm_lock(dm);
	v = reg_read(d, off & ~3u) >> shift;
	dm_unlock(dm);
	if (width < 4)
		v &= (1u << (8 * width)) - 1;
	return v;
}

static void bmnic_out(void *model, unsigned long port, unsigned int width,
		      u32 value)
{
	struct devmodel *dm = model;
	struct bmnic *d = dm->priv;
	unsigned int off = port - d->io, reg = off & ~3u;
	unsigned int shift = 8 * (off & 3);
	uint32_t mask = width >= 4 ? 0xFFFFFFFF : (1u << (8 * width)) - 1;
	uint32_t v;

	dm_lock(dm);
	if (reg == BMNIC_REG_ISTATUS) {
		/* write 1 to clear, only the bytes written */
		d->istatus &= ~((value & mask) << shift);
		update_irq(dm, true);
	} else {
		v = reg_read(d, reg);
		if (reg == BMNIC_REG_STATUS)
			v = 0;
		v = (v & ~(mask << shift)) | (value & mask) << shift;
		reg_write(dm, reg, v);
	}
	dm_unlock(dm);
}

static const struct compat_io_ops bmnic_io_ops = {
	.in = bmnic_in,
	.out = bmnic_out,
};

/* ---- devmodel glue ---- */

static int get(struct devmodel *dm, const char *key, uint64_t max,
	       uint64_t *v, char *err, size_t errlen)
{
	return dm_param_u64(dm, key, 0, max, false, v, err, errlen);
}

static int bmnic_init(struct devmodel *dm, char *err, size_t errlen)
{
	static const char *const widths[] = { "24", "32", "64", NULL };
	static const unsigned int width_bits[] = { 24, 32, 64 };
	struct bmnic *d = dm->priv;
	uint64_t v;
	int w;

	if (get(dm, "io", 0x10000 - BMNIC_IO_LEN, &v, err, errlen))
		return -EINVAL;
	if (v & (BMNIC_IO_LEN - 1)) {
		dm_errf(err, errlen,
			"%s: io=%#llx: a PCI I/O BAR of %u ports is aligned to %u",
			dm->name, (unsigned long long)v, BMNIC_IO_LEN,
			BMNIC_IO_LEN);
		return -EINVAL;
	}
	d->io = v;
	if (get(dm, "irq", 255, &v, err, errlen))
		return -EINVAL;
	d->irq = v;
	w = dm_param_choice(dm, "width", widths, err, errlen);
	if (w < 0)
		return w;
	d->width = width_bits[w];
	if (get(dm, "vendor", 0xFFFF, &v, err, errlen))
		return -EINVAL;
	d->vendor = v;
	if (get(dm, "device", 0xFFFF, &v, err, errlen))
		return -EINVAL;
	d->device = v;
	if (get(dm, "subvendor", 0xFFFF, &v, err, errlen))
		return -EINVAL;
	d->subvendor = v;
	if (get(dm, "subdevice", 0xFFFF, &v, err, errlen))
		return -EINVAL;
	d->subdevice = v;
	if (get(dm, "revision", 0xFF, &v, err, errlen))
		return -EINVAL;
	d->revision = v;
	if (get(dm, "class", 0xFFFFFF, &v, err, errlen))
		return -EINVAL;
	d->class_code = v;
	if (get(dm, "bus", 255, &v, err, errlen))
		return -EINVAL;
	d->bus = v;
	if (get(dm, "slot", 31, &v, err, errlen))
		return -EINVAL;
	d->slot = v;
	if (get(dm, "func", 7, &v, err, errlen))
		return -EINVAL;
	d->func = v;
	if (get(dm, "loopback", 1, &v, err, errlen))
		return -EINVAL;
	d->loopback = v;
	if (dm_param_u64(dm, "mtu", 60, 65535, false, &v, err, errlen))
		return -EINVAL;
	d->mtu = v;
	d->frame = malloc(d->mtu);
	if (!d->frame) {
		dm_errf(err, errlen, "%s: out of memory", dm->name);
		return -ENOMEM;
	}
	reset(d);
	return 0;
}

static int bmnic_attach(struct devmodel *dm, char *err, size_t errlen)
{
	struct bmnic *d = dm->priv;
	int ret;

	ret = compat_io_register_ports(d->io, BMNIC_IO_LEN, &bmnic_io_ops, dm,
				       dm->name);
	if (ret) {
		dm_errf(err, errlen, "%s: ports %#lx-%#lx: %s", dm->name,
			d->io, d->io + BMNIC_IO_LEN - 1,
			ret == -EBUSY ? "already claimed" : strerror(-ret));
		return ret;
	}
	dm_lock(dm);
	reset(d);
	dm_unlock(dm);
	d->registered = true;
	return 0;
}

static void bmnic_detach(struct devmodel *dm)
{
	struct bmnic *d = dm->priv;

	if (d->registered) {
		compat_io_unregister_ports(d->io);
		d->registered = false;
	}
	dm_lock(dm);
	reset(d);
	dm->irq_raise = 0;
	dm_unlock(dm);
}

static void bmnic_destroy(struct devmodel *dm)
{
	struct bmnic *d = dm->priv;

	while (d->wire_count) {
		free(d->wire[d->wire_first].data);
		d->wire_first = (d->wire_first + 1) % WIRE_MAX;
		d->wire_count--;
	}
	free(d->frame);
}

static int bmnic_inject(struct devmodel *dm, const void *data, size_t len)
{
	struct bmnic *d = dm->priv;
	int ret;

	if (len > d->mtu)
		return -E2BIG;
	dm_lock(dm);
	ret = receive(dm, data, len);
	dm_unlock(dm);
	return ret;
}

static long bmnic_collect(struct devmodel *dm, void *buf, size_t max)
{
	struct bmnic *d = dm->priv;
	struct wire_frame w;

	dm_lock(dm);
	if (!d->wire_count) {
		dm_unlock(dm);
		return -ENOENT;
	}
	w = d->wire[d->wire_first];
	d->wire_first = (d->wire_first + 1) % WIRE_MAX;
	d->wire_count--;
	dm_unlock(dm);
	memcpy(buf, w.data, w.len < max ? w.len : max);
	free(w.data);
	return w.len;
}

static void bmnic_resources(const struct devmodel *dm,
			    struct devmodel_resources *res)
{
	const struct bmnic *d = dm->priv;

	res->io_base = d->io;
	res->io_len = BMNIC_IO_LEN;
	res->irq = d->irq;
	res->dma_width = d->width;
	res->pci = true;
	res->vendor = d->vendor;
	res->device = d->device;
	res->subvendor = d->subvendor;
	res->subdevice = d->subdevice;
	res->class_code = d->class_code;
	res->revision = d->revision;
	res->bus = d->bus;
	res->slot = d->slot;
	res->func = d->func;
}

static const struct devmodel_param bmnic_params[] = {
	{ "io", "0xd000", "first I/O port of the register block (64 ports, aligned)" },
	{ "irq", "11", "interrupt line" },
	{ "width", "32", "DMA address width in bits: 24, 32 or 64" },
	{ "vendor", "0x5356", "PCI vendor ID" },
	{ "device", "0x4e01", "PCI device ID" },
	{ "subvendor", "0x5356", "PCI subsystem vendor ID" },
	{ "subdevice", "0x0001", "PCI subsystem ID" },
	{ "revision", "1", "PCI revision ID" },
	{ "class", "0x020000", "PCI class code (network, ethernet)" },
	{ "bus", "0", "PCI bus number" },
	{ "slot", "3", "PCI device (slot) number" },
	{ "func", "0", "PCI function number" },
	{ "loopback", "1", "1: transmitted frames are received back" },
	{ "mtu", "1514", "largest frame in bytes" },
	{ NULL, NULL, NULL }
};

static const struct devmodel_ops bmnic_ops = {
	.priv_size = sizeof(struct bmnic),
	.counters = bmnic_counters,
	.init = bmnic_init,
	.attach = bmnic_attach,
	.detach = bmnic_detach,
	.destroy = bmnic_destroy,
	.resources = bmnic_resources,
	.inject = bmnic_inject,
	.collect = bmnic_collect,
};

const struct devmodel_type bmnic_type = {
	.name = "busmaster-nic",
	.summary = "PCI bus-master NIC-like device with descriptor rings and a DMA address width",
	.params = bmnic_params,
	.ops = &bmnic_ops,
};
