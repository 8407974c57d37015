/* SPDX-License-Identifier: MIT */
/*
 * i8237.c - the PC/AT ISA DMA controllers: two 8237A chips and the page
 * registers (devmodel type "i8237"; parameters in devmodel.h).
 *
 * Theory.  Chip 0 serves channels 0-3 (8-bit: the 16-bit address register
 * counts bytes, the page register supplies A16-A23), chip 1 channels 4-7
 * (16-bit: address and count registers count words, the address register
 * supplies A1-A16, the page register A17-A23, its bit 0 unused); channel 4
 * cascades chip 0 into chip 1, so masking it blocks channels 0-3, as on a
 * real AT.  The 16-bit address counter never carries into the page
 * register: a transfer that runs past its end wraps inside the 64 KiB or
 * 128 KiB page.  That is what the hardware does and what a driver must
 * avoid by never giving the controller a buffer that crosses such a
 * boundary, so each wrap is reported (once per programming of the
 * channel) as a DMA violation, and performed.  With width=32 the EISA high
 * page registers (0x481..0x48B) supply A24-A31; a write to a low page
 * register clears the high one, as on EISA, so ISA-only code never leaves
 * a stale high page.  With width=24 (ISA) a non-zero high page means the
 * driver wanted memory at or above 16 MiB, which ISA DMA cannot reach: the
 * transfer is reported and not performed.
 *
 * A device on a channel drives the transfer with i8237_dreq(): the model
 * moves min(requested, remaining count) units at once.  Demand, single and
 * block modes differ only in bus timing, which nothing here can observe,
 * so they move data identically.  Memory is reached by physical address
 * with compat_phys_read/compat_phys_write.
 *
 * Ports: each byte access is one bus cycle; a word or long access to this
 * 8-bit device is split into byte cycles at consecutive ports (chip 1
 * decodes A1-A4 only, so its odd ports alias the even ones).
 *
 * Locking: dm->lock guards everything; port callbacks and i8237_dreq()
 * take it.  Nothing here raises interrupts.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <svr5compat/iomodel.h>
#include "devmodel_impl.h"

enum {
	C_TRANSFERS,
	C_BYTES,
	C_TC,
	C_WRAPS,
};

static const char *const i8237_counters[] = {
	"transfers", "bytes", "tc", "boundary_wraps", NULL
};

/* mode register */
#define MODE_TYPE(m)		(((m) >> 2) & 3)	/* 0 verify 1 write 2 read */
#define MODE_AUTOINIT		0x10
#define MODE_DECREMENT		0x20
#define MODE_MODE(m)		(((m) >> 6) & 3)	/* demand single block cascade */
#define CMD_DISABLE		0x04

struct i8237_chan {
	uint16_t base_addr, base_count;
	uint16_t cur_addr, cur_count;
	uint8_t mode;
	uint8_t page;
	uint8_t hpage;
	bool flagged_wrap;	/* reported since last programmed */
	bool flagged_16m;
	bool flagged_free;
};

struct i8237_chip {
	bool flipflop;		/* false: next byte is the low one */
	uint8_t command;
	uint8_t status;		/* TC bits 0-3 */
	uint8_t request;	/* software requests, bits 0-3 */
	uint8_t mask;		/* bits 0-3 */
	uint8_t temp;
};

struct i8237 {
	struct i8237_chip chip[2];
	struct i8237_chan ch[8];
	unsigned int width;
	unsigned int nranges;	/* registered ranges, for detach */
};

/* page register port of each channel; the high page is at + 0x400 */
static const uint16_t page_port[8] = {
	0x87, 0x83, 0x81, 0x82, 0x8F, 0x8B, 0x89, 0x8A
};

static const struct {
	uint16_t base, len;
} i8237_ranges[] = {
	{ 0x00, 16 },		/* chip 0 */
	{ 0xC0, 32 },		/* chip 1 */
	{ 0x81, 3 }, { 0x87, 1 }, { 0x89, 3 }, { 0x8F, 1 },	/* pages */
	{ 0x481, 3 }, { 0x487, 1 }, { 0x489, 3 },		/* high */
};
#define NR_RANGES	(sizeof(i8237_ranges) / sizeof(i8237_ranges[0]))

static void reset_chip(struct i8237_chip *c)
{
	memset(c, 0, sizeof(*c));
	c->mask = 0x0F;
}

static void rearm(struct i8237_chan *ch)
{
	ch->flagged_wrap = false;
	ch->flagged_16m = false;
	ch->flagged_free = false;
}

/* physical address of unit address @a on @chan */
static uint64_t unit_phys(const struct i8237_chan *ch, unsigned int chan,
			  uint32_t a)
{
	uint64_t hi = (uint64_t)ch->hpage << 24;

	if (chan < 4)
		return hi | (uint64_t)ch->page << 16 | (a & 0xFFFF);
	return hi | (uint64_t)(ch->page & 0xFE) << 16 | (uint64_t)(a & 0xFFFF) << 1;
}

static uint8_t chip_reg_read(struct i8237 *d, unsigned int chip,
			     unsigned int reg)
{
	struct i8237_chip *c = &d->chip[chip];
	struct i8237_chan *ch;
	uint16_t v;
	uint8_t r;

	if (reg < 8) {
		ch = &d->ch[chip * 4 + reg / 2];
		v = (reg & 1) ? ch->cur_count : ch->cur_addr;
		r = c->flipflop ? v >> 8 : v & 0xFF;
		c->flipflop = !c->flipflop;
		return r;
	}
	switch (reg) {
	case 8:		/* status: TC bits clear on read */
		r = (c->status & 0x0F) | (c->request & 0x0F) << 4;
		c->status &= ~0x0F;
		return r;
	case 13:
		return c->temp;
	case 15:	/* mask, readable on later chipsets */
		return 0xF0 | c->mask;
	default:	/* write-only registers: the bus floats */
		return 0xFF;
	}
}

static void chip_reg_write(struct i8237 *d, unsigned int chip,
			   unsigned int reg, uint8_t v)
{
	struct i8237_chip *c = &d->chip[chip];
	struct i8237_chan *ch;
	uint16_t *base, *cur;

	if (reg < 8) {
		ch = &d->ch[chip * 4 + reg / 2];
		base = (reg & 1) ? &ch->base_count : &ch->base_addr;
		cur = (reg & 1) ? &ch->cur_count : &ch->cur_addr;
		if (c->flipflop)
			*base = (*base & 0x00FF) | (uint16_t)v << 8;
		else
			*base = (*base & 0xFF00) | v;
		*cur = *base;
		c->flipflop = !c->flipflop;
		rearm(ch);
		return;
	}
	switch (reg) {
	case 8:
		c->command = v;
		break;
	case 9:
		if (v & 4)
			c->request |= 1 << (v & 3);
		else
			c->request &= ~(1 << (v & 3));
		break;
	case 10:
		if (v & 4)
			c->mask |= 1 << (v & 3);
		else
			c->mask &= ~(1 << (v & 3));
		break;
	case 11:
		ch = &d->ch[chip * 4 + (v & 3)];
		ch->mode = v;
		rearm(ch);
		break;
	case 12:
		c->flipflop = false;
		break;
	case 13:
		reset_chip(c);
		break;
	case 14:
		c->mask = 0;
		break;
	case 15:
		c->mask = v & 0x0F;
		break;
	}
}

static int page_chan(unsigned long port)
{
	unsigned int i;

	for (i = 0; i < 8; i++)
		if (page_port[i] == (port & 0xFF))
			return i;
	return -1;
}

static uint8_t byte_in(struct i8237 *d, unsigned long port)
{
	int chan;

	if (port < 0x10)
		return chip_reg_read(d, 0, port);
	if (port >= 0xC0 && port < 0xE0)
		return chip_reg_read(d, 1, (port - 0xC0) >> 1);
	chan = page_chan(port);
	if (chan < 0)
		return 0xFF;
	return port >= 0x400 ? d->ch[chan].hpage : d->ch[chan].page;
}

static void byte_out(struct i8237 *d, unsigned long port, uint8_t v)
{
	struct i8237_chan *ch;
	int chan;

	if (port < 0x10) {
		chip_reg_write(d, 0, port, v);
		return;
	}
	if (port >= 0xC0 && port < 0xE0) {
		chip_reg_write(d, 1, (port - 0xC0) >> 1, v);
		return;
	}
	chan = page_chan(port);
	if (chan < 0)
		return;
	ch = &d->ch[chan];
	if (port >= 0x400) {
		ch->hpage = v;
	} else {
		ch->page = v;
		ch->hpage = 0;		/* EISA: low write clears high */
	}
	rearm(ch);
}

/* true if @port belongs to one of our ranges */
static bool ours(unsigned long port)
{
	unsigned int i;

	for (i = 0; i < NR_RANGES; i++)
		if (port >= i8237_ranges[i].base &&
		    port < (unsigned long)i8237_ranges[i].base +
			   i8237_ranges[i].len)
			return true;
	return false;
}

static u32 i8237_in(void *model, unsigned long port, unsigned int width)
{
	struct devmodel *dm = model;
	u32 v = 0;
	unsigned int i;

	dm_lock(dm);
	for (i = 0; i < width; i++)
		v |= (u32)(ours(port + i) ? byte_in(dm->priv, port + i) :
			   0xFF) << (8 * i);
	dm_unlock(dm);
	return v;
}

static void i8237_out(void *model, unsigned long port, unsigned int width,
		      u32 value)
{
	struct devmodel *dm = model;
	unsigned int i;

	dm_lock(dm);
	for (i = 0; i < width; i++)
		if (ours(port + i))
			byte_out(dm->priv, port + i, value >> (8 * i));
	dm_unlock(dm);
}

static const struct compat_io_ops i8237_io_ops = {
	.in = i8237_in,
	.out = i8237_out,
};

static void describe(struct i8237 *d, unsigned int chan, char *buf,
		     size_t size)
{
	static const char *const types[] = {
		"verify", "write", "read", "illegal"
	};
	static const char *const modes[] = {
		"demand", "single", "block", "cascade"
	};
	struct i8237_chan *ch = &d->ch[chan];
	unsigned int chip = chan / 4;
	bool masked = d->chip[chip].mask & (1 << (chan & 3));

	snprintf(buf, size,
		 "channel %u%s: mode %#04x (%s, %s%s%s), address %#llx, %u %s",
		 chan, masked ? " masked" : "", ch->mode,
		 modes[MODE_MODE(ch->mode)], types[MODE_TYPE(ch->mode)],
		 ch->mode & MODE_DECREMENT ? ", decrement" : "",
		 ch->mode & MODE_AUTOINIT ? ", autoinit" : "",
		 (unsigned long long)unit_phys(ch, chan, ch->cur_addr),
		 (unsigned int)ch->cur_count + 1, chan < 4 ? "bytes" : "words");
}

void i8237_describe(struct devmodel *dmac, unsigned int chan, char *buf,
		    size_t size)
{
	if (chan > 7) {
		snprintf(buf, size, "channel %u: no such channel", chan);
		return;
	}
	dm_lock(dmac);
	describe(dmac->priv, chan, buf, size);
	dm_unlock(dmac);
}

static void report_wrap(struct devmodel *dmac, struct i8237 *d,
			unsigned int chan, struct devmodel *requester)
{
	struct i8237_chan *ch = &d->ch[chan];
	unsigned int unit = chan < 4 ? 1 : 2;
	uint64_t page_size = chan < 4 ? 0x10000 : 0x20000;
	uint64_t len = ((uint64_t)ch->base_count + 1) * unit;
	uint64_t start = unit_phys(ch, chan, ch->base_addr);
	uint64_t lo, boundary, wrapped;

	if (ch->mode & MODE_DECREMENT) {
		/* the driver's buffer ends at start and runs down past
		 * the bottom of the page */
		lo = start + unit >= len ? start + unit - len : 0;
		boundary = start & ~(page_size - 1);
		wrapped = boundary + page_size - unit;
	} else {
		lo = start;
		boundary = (start | (page_size - 1)) + 1;
		wrapped = boundary - page_size;
	}
	dm_report(dmac, DEVMODEL_DMA_VIOLATION, DEVMODEL_TAG_ISA_BOUNDARY,
		  lo, len, d->width, chan,
		  "channel %u (%s): %llu-byte buffer %#llx-%#llx crosses the %s DMA boundary at %#llx; the address wrapped to %#llx",
		  chan, requester ? requester->name : "software",
		  (unsigned long long)len, (unsigned long long)lo,
		  (unsigned long long)(lo + len - 1),
		  chan < 4 ? "64 KiB" : "128 KiB",
		  (unsigned long long)boundary, (unsigned long long)wrapped);
}

/*
 * Move @n units starting at unit address @a (no wrap inside), device
 * buffer @buf, direction @dir.  0 or -EFAULT.
 */
static int move_chunk(struct i8237_chan *ch, unsigned int chan,
		      enum i8237_dir dir, uint8_t *buf, uint32_t a,
		      uint32_t n, bool down, uint64_t *bad)
{
	unsigned int unit = chan < 4 ? 1 : 2;
	size_t bytes = (size_t)n * unit;
	uint64_t phys;
	uint8_t *tmp;
	uint32_t i;
	int ret;

	if (!down) {
		phys = unit_phys(ch, chan, a);
		*bad = phys;
		if (dir == I8237_TO_MEMORY)
			return compat_phys_write(phys, buf, bytes) ? -EFAULT : 0;
		return compat_phys_read(phys, buf, bytes) ? -EFAULT : 0;
	}
	/* decrementing: unit i of the device is at unit address a - i */
	phys = unit_phys(ch, chan, a - (n - 1));
	*bad = phys;
	tmp = malloc(bytes);
	if (!tmp)
		return -ENOMEM;
	if (dir == I8237_TO_MEMORY) {
		for (i = 0; i < n; i++)
			memcpy(tmp + (size_t)(n - 1 - i) * unit,
			       buf + (size_t)i * unit, unit);
		ret = compat_phys_write(phys, tmp, bytes) ? -EFAULT : 0;
	} else {
		ret = compat_phys_read(phys, tmp, bytes) ? -EFAULT : 0;
		if (!ret)
			for (i = 0; i < n; i++)
				memcpy(buf + (size_t)i * unit,
				       tmp + (size_t)(n - 1 - i) * unit, unit);
	}
	free(tmp);
	return ret;
}

/* report (once per programming) a chunk that touches free memory */
static void check_free(struct devmodel *dmac, struct i8237 *d,
		       unsigned int chan, uint32_t a, uint32_t k, bool down,
		       struct devmodel *requester)
{
	struct i8237_chan *ch = &d->ch[chan];
	unsigned int unit = chan < 4 ? 1 : 2;
	uint64_t phys = unit_phys(ch, chan, down ? a - (k - 1) : a);
	uint64_t where;

	if (!dm_free_memory(phys, (uint64_t)k * unit, &where))
		return;
	ch->flagged_free = true;
	dm_report(dmac, DEVMODEL_DMA_VIOLATION, DEVMODEL_TAG_DMA_FREE, where,
		  (uint64_t)k * unit, d->width, chan,
		  "channel %u (%s): DMA at %#llx reaches free memory: the buffer was freed, or its address lost bits (an ISA page register holds bits 16-23 only)",
		  chan, requester ? requester->name : "software",
		  (unsigned long long)where);
}

long i8237_dreq(struct devmodel *dmac, unsigned int chan, enum i8237_dir dir,
		void *buf, size_t len, bool *tc, struct devmodel *requester)
{
	struct i8237 *d = dmac->priv;
	unsigned int chip = chan / 4, idx = chan & 3;
	unsigned int unit = chip ? 2 : 1;
	struct i8237_chan *ch;
	struct i8237_chip *c;
	uint32_t remaining, n, done, a, k;
	uint8_t *p = buf;
	uint64_t bad = 0;
	bool down, wrapped = false;
	long ret;
	int type;

	*tc = false;
	if (chan > 7 || chan == 4)
		return -EINVAL;
	dm_lock(dmac);
	ch = &d->ch[chan];
	c = &d->chip[chip];
	if (!dmac->attached || (c->command & CMD_DISABLE) ||
	    (c->mask & (1 << idx)) ||
	    (chip == 0 && ((d->chip[1].mask & 1) ||
			   (d->chip[1].command & CMD_DISABLE)))) {
		ret = -EAGAIN;
		goto out;
	}
	type = MODE_TYPE(ch->mode);
	if (MODE_MODE(ch->mode) == 3 || type == 3 ||
	    (type == 1 && dir != I8237_TO_MEMORY) ||
	    (type == 2 && dir != I8237_FROM_MEMORY)) {
		ret = -EINVAL;
		goto out;
	}
	remaining = (uint32_t)ch->cur_count + 1;
	n = len / unit;
	if (n > remaining)
		n = remaining;
	if (!n) {
		ret = 0;
		goto out;
	}
	if (type != 0 && d->width == 24 && ch->hpage) {
		if (!ch->flagged_16m) {
			uint64_t start = unit_phys(ch, chan, ch->cur_addr);

			ch->flagged_16m = true;
			dm_report(dmac, DEVMODEL_DMA_VIOLATION,
				  DEVMODEL_TAG_ISA_16M, start, (uint64_t)n * unit,
				  24, chan,
				  "channel %u (%s): DMA at %#llx is above 16 MiB (high page %#04x): ISA DMA reaches 24 bits only; not performed",
				  chan, requester ? requester->name : "software",
				  (unsigned long long)start, ch->hpage);
		}
		ret = -EFAULT;
		goto out;
	}
	down = ch->mode & MODE_DECREMENT;
	for (done = 0; done < n; done += k) {
		a = ch->cur_addr;
		k = n - done;
		if (!down && k > 0x10000 - a)
			k = 0x10000 - a;
		if (down && k > a + 1)
			k = a + 1;
		if (done && !wrapped) {
			/* the previous chunk ended on the boundary */
			wrapped = true;
			dm_count(dmac, C_WRAPS, 1);
			if (!ch->flagged_wrap) {
				ch->flagged_wrap = true;
				report_wrap(dmac, d, chan, requester);
			}
		}
		if (type != 0 && !ch->flagged_free)
			check_free(dmac, d, chan, a, k, down, requester);
		if (type != 0) {
			ret = move_chunk(ch, chan, dir, p + (size_t)done * unit,
					 a, k, down, &bad);
			if (ret) {
				dm_report(dmac, DEVMODEL_DMA_VIOLATION,
					  DEVMODEL_TAG_DMA_NO_RAM, bad,
					  (uint64_t)k * unit, d->width, chan,
					  "channel %u (%s): %llu bytes at %#llx are not RAM; not performed",
					  chan,
					  requester ? requester->name : "software",
					  (unsigned long long)k * unit,
					  (unsigned long long)bad);
				ret = -EFAULT;
				goto out;
			}
		}
		ch->cur_addr = down ? a - k : a + k;
		ch->cur_count -= k;
	}
	dm_count(dmac, C_TRANSFERS, 1);
	dm_count(dmac, C_BYTES, (uint64_t)n * unit);
	if (n == remaining) {
		*tc = true;
		c->status |= 1 << idx;
		c->request &= ~(1 << idx);
		dm_count(dmac, C_TC, 1);
		if (ch->mode & MODE_AUTOINIT) {
			ch->cur_addr = ch->base_addr;
			ch->cur_count = ch->base_count;
			rearm(ch);
		} else {
			c->mask |= 1 << idx;
		}
	}
	ret = (long)n * unit;
out:
	dm_unlock(dmac);
	return ret;
}

/* ---- devmodel glue ---- */

static int i8237_init(struct devmodel *dm, char *err, size_t errlen)
{
	static const char *const widths[] = { "24", "32", NULL };
	struct i8237 *d = dm->priv;
	int w;

	w = dm_param_choice(dm, "width", widths, err, errlen);
	if (w < 0)
		return w;
	d->width = w ? 32 : 24;
	reset_chip(&d->chip[0]);
	reset_chip(&d->chip[1]);
	/* as the BIOS leaves it: channel 4 cascades chip 0, unmasked */
	d->ch[4].mode = 0xC0;
	d->chip[1].mask = 0x0E;
	return 0;
}

static void i8237_unregister(struct devmodel *dm)
{
	struct i8237 *d = dm->priv;

	while (d->nranges)
		compat_io_unregister_ports(i8237_ranges[--d->nranges].base);
}

static int i8237_attach(struct devmodel *dm, char *err, size_t errlen)
{
	struct i8237 *d = dm->priv;
	struct devmodel *o;
	int ret;

	for (o = devmodel_next(dm->machine, NULL); o;
	     o = devmodel_next(dm->machine, o)) {
		if (o != dm && o->type == &i8237_type && o->attached) {
			dm_errf(err, errlen,
				"%s: the machine already has an i8237 (%s)",
				dm->name, o->name);
			return -EBUSY;
		}
	}
	for (d->nranges = 0; d->nranges < NR_RANGES; d->nranges++) {
		ret = compat_io_register_ports(i8237_ranges[d->nranges].base,
					       i8237_ranges[d->nranges].len,
					       &i8237_io_ops, dm, dm->name);
		if (ret) {
			dm_errf(err, errlen,
				"%s: ports %#x-%#x: %s", dm->name,
				i8237_ranges[d->nranges].base,
				i8237_ranges[d->nranges].base +
				i8237_ranges[d->nranges].len - 1,
				ret == -EBUSY ? "already claimed" :
				strerror(-ret));
			i8237_unregister(dm);
			return ret;
		}
	}
	return 0;
}

static void i8237_detach(struct devmodel *dm)
{
	i8237_unregister(dm);
}

static void i8237_resources(const struct devmodel *dm,
			    struct devmodel_resources *res)
{
	const struct i8237 *d = dm->priv;

	res->io_base = 0;
	res->io_len = 0x10;
	res->dma_width = d->width;
}

static const struct devmodel_param i8237_params[] = {
	{ "width", "24", "DMA address width: 24 (ISA) or 32 (EISA high pages)" },
	{ NULL, NULL, NULL }
};

static const struct devmodel_ops i8237_ops = {
	.priv_size = sizeof(struct i8237),
	.counters = i8237_counters,
	.init = i8237_init,
	.attach = i8237_attach,
	.detach = i8237_detach,
	.resources = i8237_resources,
};

const struct devmodel_type i8237_type = {
	.name = "i8237",
	.summary = "PC/AT ISA DMA controllers (8237A pair) and page registers",
	.params = i8237_params,
	.ops = &i8237_ops,
};
