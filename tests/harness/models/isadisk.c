/* SPDX-License-Identifier: MIT */
/*
 * isadisk.c - a simple ISA block device behind an 8237 DMA channel
 * (devmodel type "isa-disk"; registers and parameters in devmodel.h).
 *
 * Theory.  The disk is a byte array on the host heap (its "platters").
 * A READ or WRITE latches LBA and count from the registers, sets BUSY and
 * either runs at once (latency=0: inside the driver's outb) or is handed
 * to the device thread, which runs it after the latency.  Running a
 * command means holding DREQ on the channel: i8237_dreq() moves the whole
 * range between the platters and memory as the driver programmed the
 * channel, and the outcome sets DONE (plus ERROR and an error code), and
 * raises the IRQ (edge, as on ISA) if enabled.  The interrupt goes out
 * through the machine's hook (compat_irq_assert by default), which
 * delivers it asynchronously on the simulated interrupt thread in
 * hardirq context; the driver's handler then reads the status and
 * acknowledges by writing DONE|ERROR to base+1.
 *
 * What the disk checks is what a driver gets wrong: a command while the
 * previous one is unacknowledged (ignored, reported "busy"), a range
 * beyond the disk, a channel masked or programmed for the other
 * direction, a channel count too small for the sectors asked (the 8237
 * reaches terminal count first: "dma-short").  The 8237 itself reports
 * its own violations (boundary wrap, 16 MiB, not RAM).
 *
 * Locking: dm->lock guards the registers, the command in flight and the
 * platters while a command runs; i8237_dreq() is called with it held
 * (lock order disk, then i8237).  The device thread waits on d->cond
 * under dm->lock.  RESET and detach cancel a command not yet run by
 * bumping d->gen.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <svr5compat/iomodel.h>
#include "devmodel_impl.h"

enum {
	C_READS,
	C_WRITES,
	C_SECTORS_READ,
	C_SECTORS_WRITTEN,
	C_IRQS,
};

static const char *const isadisk_counters[] = {
	"reads", "writes", "sectors_read", "sectors_written", "irqs", NULL
};

struct isadisk {
	/* parameters */
	unsigned long io;
	unsigned int irq;
	unsigned int chan;
	uint64_t capacity;		/* bytes */
	unsigned int sector;
	unsigned int sector_shift;
	unsigned int latency_us;
	char dmac_name[DEVMODEL_NAME_MAX];

	struct devmodel *dmac;
	uint8_t *image;
	bool registered;

	/* registers */
	uint8_t status;
	uint8_t error;
	uint8_t count;
	uint8_t ien;
	uint32_t lba;

	/* the command in flight */
	uint8_t cmd;
	uint32_t cmd_lba;
	unsigned int cmd_count;
	bool pending;			/* waiting for the device thread */
	bool running;			/* the thread is completing it */
	unsigned long gen;		/* bumped by RESET/detach */

	/* the device thread (latency > 0) */
	pthread_t thread;
	bool thread_running;
	bool stop;
	pthread_cond_t cond;		/* work arrived, or stop */
	pthread_cond_t idle;		/* pending went false */
};

static void complete(struct devmodel *dm, uint8_t error)
{
	struct isadisk *d = dm->priv;

	d->status &= ~ISADISK_ST_BUSY;
	d->status |= ISADISK_ST_DONE;
	d->error = error;
	if (error)
		d->status |= ISADISK_ST_ERROR;
	if (d->ien) {
		dm_count(dm, C_IRQS, 1);
		dm_raise_irq(dm, d->irq);
	}
}

/* run the latched command; dm->lock held */
static void execute(struct devmodel *dm)
{
	struct isadisk *d = dm->priv;
	bool rd = d->cmd == ISADISK_CMD_READ;
	size_t bytes = (size_t)d->cmd_count << d->sector_shift;
	uint64_t off = (uint64_t)d->cmd_lba << d->sector_shift;
	char desc[160];
	bool tc;
	long r;

	if (!d->dmac) {
		dm_report(dm, DEVMODEL_DEVICE_ERROR, DEVMODEL_TAG_DMA_MODE,
			  0, bytes, 0, d->chan,
			  "%s of %u sectors at LBA %u: no DMA controller",
			  rd ? "read" : "write", d->cmd_count, d->cmd_lba);
		complete(dm, ISADISK_ERR_DMA);
		return;
	}
	r = i8237_dreq(d->dmac, d->chan,
		       rd ? I8237_TO_MEMORY : I8237_FROM_MEMORY,
		       d->image + off, bytes, &tc, dm);
	if (r == -EAGAIN || r == -EINVAL) {
		i8237_describe(d->dmac, d->chan, desc, sizeof(desc));
		dm_report(dm, DEVMODEL_DEVICE_ERROR, DEVMODEL_TAG_DMA_MODE,
			  0, bytes, 0, d->chan,
			  "%s of %u sectors at LBA %u: DMA channel not ready for a %s (%s): %s",
			  rd ? "read" : "write", d->cmd_count, d->cmd_lba,
			  rd ? "device-to-memory (\"write\") transfer" :
			       "memory-to-device (\"read\") transfer",
			  r == -EAGAIN ? "masked or disabled" : "wrong mode",
			  desc);
		complete(dm, ISADISK_ERR_DMA);
		return;
	}
	if (r < 0) {			/* the 8237 reported it */
		complete(dm, ISADISK_ERR_MEM);
		return;
	}
	if ((size_t)r < bytes) {
		dm_report(dm, DEVMODEL_DEVICE_ERROR, DEVMODEL_TAG_DMA_SHORT,
			  0, bytes, 0, d->chan,
			  "%s of %u sectors (%zu bytes) at LBA %u: DMA channel %u reached terminal count after %ld bytes",
			  rd ? "read" : "write", d->cmd_count, bytes,
			  d->cmd_lba, d->chan, r);
		complete(dm, ISADISK_ERR_SHORT);
		return;
	}
	if (rd) {
		dm_count(dm, C_READS, 1);
		dm_count(dm, C_SECTORS_READ, d->cmd_count);
	} else {
		dm_count(dm, C_WRITES, 1);
		dm_count(dm, C_SECTORS_WRITTEN, d->cmd_count);
	}
	complete(dm, ISADISK_ERR_NONE);
}

static void *isadisk_thread(void *arg)
{
	struct devmodel *dm = arg;
	struct isadisk *d = dm->priv;
	struct timespec when;
	unsigned long gen;

	pthread_mutex_lock(&dm->lock);
	for (;;) {
		while (!d->pending && !d->stop)
			pthread_cond_wait(&d->cond, &dm->lock);
		if (d->stop)
			break;
		gen = d->gen;
		clock_gettime(CLOCK_MONOTONIC, &when);
		when.tv_sec += d->latency_us / 1000000;
		when.tv_nsec += (long)(d->latency_us % 1000000) * 1000;
		if (when.tv_nsec >= 1000000000L) {
			when.tv_sec++;
			when.tv_nsec -= 1000000000L;
		}
		while (!d->stop && d->gen == gen &&
		       pthread_cond_timedwait(&d->cond, &dm->lock, &when) !=
		       ETIMEDOUT)
			;
		if (d->stop)
			break;
		if (d->gen != gen || !d->pending)
			continue;		/* cancelled by RESET */
		d->pending = false;
		d->running = true;
		execute(dm);
		dm_unlock(dm);			/* raises the IRQ */
		pthread_mutex_lock(&dm->lock);
		d->running = false;		/* idle only once it is out */
		pthread_cond_broadcast(&d->idle);
	}
	pthread_mutex_unlock(&dm->lock);
	return NULL;
}

static void cancel(struct isadisk *d)
{
	d->gen++;
	if (d->pending) {
		d->pending = false;
		pthread_cond_broadcast(&d->idle);
	}
	pthread_cond_broadcast(&d->cond);
}

static void command(struct devmodel *dm, uint8_t cmd)
{
	struct isadisk *d = dm->priv;
	unsigned int n;

	if (cmd == ISADISK_CMD_RESET) {
		cancel(d);
		d->status = ISADISK_ST_READY;
		d->error = 0;
		d->ien = 1;
		return;
	}
	if (d->status & (ISADISK_ST_BUSY | ISADISK_ST_DONE)) {
		dm_report(dm, DEVMODEL_DEVICE_ERROR, DEVMODEL_TAG_BUSY, 0, 0, 0,
			  -1, "command %#04x while %s: ignored", cmd,
			  d->status & ISADISK_ST_BUSY ? "busy" :
			  "the last completion is not acknowledged");
		return;
	}
	d->status &= ~ISADISK_ST_ERROR;
	d->cmd = cmd;
	switch (cmd) {
	case ISADISK_CMD_IDENTIFY:
		d->lba = (uint32_t)(d->capacity >> d->sector_shift);
		complete(dm, ISADISK_ERR_NONE);
		return;
	case ISADISK_CMD_READ:
	case ISADISK_CMD_WRITE:
		break;
	default:
		dm_report(dm, DEVMODEL_DEVICE_ERROR, DEVMODEL_TAG_BAD_COMMAND,
			  0, 0, 0, -1, "unknown command %#04x", cmd);
		complete(dm, ISADISK_ERR_CMD);
		return;
	}
	n = d->count ? d->count : 256;
	if ((uint64_t)d->lba + n > d->capacity >> d->sector_shift) {
		dm_report(dm, DEVMODEL_DEVICE_ERROR, DEVMODEL_TAG_BAD_LBA,
			  0, (uint64_t)n << d->sector_shift, 0, -1,
			  "%s of %u sectors at LBA %u: beyond the disk (%llu sectors)",
			  cmd == ISADISK_CMD_READ ? "read" : "write", n, d->lba,
			  (unsigned long long)(d->capacity >> d->sector_shift));
		complete(dm, ISADISK_ERR_LBA);
		return;
	}
	d->cmd_lba = d->lba;
	d->cmd_count = n;
	d->status |= ISADISK_ST_BUSY;
	if (!d->latency_us) {
		execute(dm);
		return;
	}
	d->pending = true;
	pthread_cond_broadcast(&d->cond);
}

static uint8_t reg_in(struct isadisk *d, unsigned int reg)
{
	switch (reg) {
	case ISADISK_REG_CMD:
		return d->status;
	case ISADISK_REG_ACK:
		return d->error;
	case ISADISK_REG_COUNT:
		return d->count;
	case ISADISK_REG_CTL: {
		uint64_t units = d->capacity >> d->sector_shift >> 16;

		return units > 0xFF ? 0xFF : units;
	}
	default:
		return d->lba >> (8 * (reg - ISADISK_REG_LBA));
	}
}

static void reg_out(struct devmodel *dm, unsigned int reg, uint8_t v)
{
	struct isadisk *d = dm->priv;
	unsigned int shift;

	switch (reg) {
	case ISADISK_REG_CMD:
		command(dm, v);
		break;
	case ISADISK_REG_ACK:
		d->status &= ~(v & (ISADISK_ST_DONE | ISADISK_ST_ERROR));
		break;
	case ISADISK_REG_COUNT:
		d->count = v;
		break;
	case ISADISK_REG_CTL:
		d->ien = v & 1;
		break;
	default:
		shift = 8 * (reg - ISADISK_REG_LBA);
		d->lba = (d->lba & ~(0xFFu << shift)) | (uint32_t)v << shift;
		break;
	}
}

static u32 isadisk_in(void *model, unsigned long port, unsigned int width)
{
	struct devmodel *dm = model;
	struct isadisk *d = dm->priv;
	unsigned int i, reg;
	u32 v = 0;

	dm_lock(dm);
	for (i = 0; i < width; i++) {
		reg = port + i - d->io;
		v |= (u32)(reg < ISADISK_IO_LEN ? reg_in(d, reg) : 0xFF)
		     << (8 * i);
	}
	dm_unlock(dm);
	return v;
}

static void isadisk_out(void *model, unsigned long port, unsigned int width,
			u32 value)
{
	struct devmodel *dm = model;
	struct isadisk *d = dm->priv;
	unsigned int i, reg;

	dm_lock(dm);
	for (i = 0; i < width; i++) {
		reg = port + i - d->io;
		if (reg < ISADISK_IO_LEN)
			reg_out(dm, reg, value >> (8 * i));
	}
	dm_unlock(dm);		/* raises the IRQ of a completion */
}

static const struct compat_io_ops isadisk_io_ops = {
	.in = isadisk_in,
	.out = isadisk_out,
};

/* ---- devmodel glue ---- */

static int isadisk_init(struct devmodel *dm, char *err, size_t errlen)
{
	static const char *const fills[] = { "zero", "pattern", NULL };
	struct isadisk *d = dm->priv;
	uint64_t v, s, i;
	const char *name;
	int fill, ret;

	ret = dm_param_u64(dm, "io", 0, 0x10000 - ISADISK_IO_LEN, false, &v,
			   err, errlen);
	if (ret)
		return ret;
	d->io = v;
	ret = dm_param_u64(dm, "irq", 0, 255, false, &v, err, errlen);
	if (ret)
		return ret;
	d->irq = v;
	ret = dm_param_u64(dm, "dma", 0, 7, false, &v, err, errlen);
	if (ret)
		return ret;
	if (v == 4) {
		dm_errf(err, errlen,
			"%s: dma=4: channel 4 is the cascade, use 0-3 or 5-7",
			dm->name);
		return -EINVAL;
	}
	d->chan = v;
	ret = dm_param_u64(dm, "sector", 128, 4096, true, &v, err, errlen);
	if (ret)
		return ret;
	if (v & (v - 1)) {
		dm_errf(err, errlen, "%s: sector=%llu: not a power of two",
			dm->name, (unsigned long long)v);
		return -EINVAL;
	}
	d->sector = v;
	d->sector_shift = __builtin_ctzll(v);
	ret = dm_param_u64(dm, "capacity", d->sector, 256ULL << 20, true, &v,
			   err, errlen);
	if (ret)
		return ret;
	if (v & (d->sector - 1)) {
		dm_errf(err, errlen,
			"%s: capacity=%llu: not a multiple of the %u-byte sector",
			dm->name, (unsigned long long)v, d->sector);
		return -EINVAL;
	}
	d->capacity = v;
	ret = dm_param_u64(dm, "latency", 0, 10000000, false, &v, err,
			   errlen);
	if (ret)
		return ret;
	d->latency_us = v;
	fill = dm_param_choice(dm, "fill", fills, err, errlen);
	if (fill < 0)
		return fill;
	name = dm_param(dm, "dmac");
	if (strlen(name) >= sizeof(d->dmac_name)) {
		dm_errf(err, errlen, "%s: dmac=%s: name too long", dm->name,
			name);
		return -EINVAL;
	}
	strcpy(d->dmac_name, name);

	d->image = calloc(1, d->capacity);
	if (!d->image) {
		dm_errf(err, errlen, "%s: no memory for a %llu-byte disk",
			dm->name, (unsigned long long)d->capacity);
		return -ENOMEM;
	}
	if (fill == 1) {
		/* sector s is the byte sequence 0, 1, 2... rotated by 7s */
		uint8_t tmpl[256 + 4096];

		for (i = 0; i < sizeof(tmpl); i++)
			tmpl[i] = i & 0xFF;
		for (s = 0; s < d->capacity >> d->sector_shift; s++)
			memcpy(d->image + (s << d->sector_shift),
			       tmpl + isadisk_pattern_byte(s, 0), d->sector);
	}
	d->status = ISADISK_ST_READY;
	d->ien = 1;
	pthread_cond_init(&d->idle, NULL);
	{
		pthread_condattr_t attr;

		pthread_condattr_init(&attr);
		pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
		pthread_cond_init(&d->cond, &attr);
		pthread_condattr_destroy(&attr);
	}
	return 0;
}

static int isadisk_attach(struct devmodel *dm, char *err, size_t errlen)
{
	struct isadisk *d = dm->priv;
	struct devmodel *dmac;
	int ret;

	if (d->dmac_name[0]) {
		dmac = dm_find_peer(dm, d->dmac_name, NULL);
		if (!dmac || dmac->type != &i8237_type) {
			dm_errf(err, errlen, "%s: dmac=%s: no i8237 of that name",
				dm->name, d->dmac_name);
			return -ENODEV;
		}
	} else {
		dmac = dm_find_peer(dm, NULL, &i8237_type);
		if (!dmac) {
			dmac = dm_create_implicit(dm, &i8237_type, NULL, err,
						  errlen);
			if (!dmac)
				return -ENODEV;
		}
	}
	if (!dmac->attached) {
		ret = devmodel_attach(dmac, err, errlen);
		if (ret)
			return ret;
	}
	ret = compat_io_register_ports(d->io, ISADISK_IO_LEN, &isadisk_io_ops,
				       dm, dm->name);
	if (ret) {
		dm_errf(err, errlen, "%s: ports %#lx-%#lx: %s", dm->name,
			d->io, d->io + ISADISK_IO_LEN - 1,
			ret == -EBUSY ? "already claimed" : strerror(-ret));
		return ret;
	}
	dm_lock(dm);
	d->dmac = dmac;
	d->stop = false;
	dm_unlock(dm);
	if (d->latency_us) {
		ret = pthread_create(&d->thread, NULL, isadisk_thread, dm);
		if (ret) {
			compat_io_unregister_ports(d->io);
			dm_errf(err, errlen, "%s: cannot start its thread",
				dm->name);
			return -ret;
		}
		d->thread_running = true;
	}
	d->registered = true;
	return 0;
}

static void isadisk_detach(struct devmodel *dm)
{
	struct isadisk *d = dm->priv;

	dm_lock(dm);
	cancel(d);
	d->stop = true;
	pthread_cond_broadcast(&d->cond);
	dm_unlock(dm);
	if (d->thread_running) {
		pthread_join(d->thread, NULL);
		d->thread_running = false;
	}
	if (d->registered) {
		compat_io_unregister_ports(d->io);
		d->registered = false;
	}
}

static void isadisk_destroy(struct devmodel *dm)
{
	struct isadisk *d = dm->priv;

	pthread_cond_destroy(&d->cond);
	pthread_cond_destroy(&d->idle);
	free(d->image);
}

static void isadisk_sync(struct devmodel *dm)
{
	struct isadisk *d = dm->priv;

	pthread_mutex_lock(&dm->lock);
	while (d->pending || d->running)
		pthread_cond_wait(&d->idle, &dm->lock);
	pthread_mutex_unlock(&dm->lock);
}

static void isadisk_forget(struct devmodel *dm, struct devmodel *gone)
{
	struct isadisk *d = dm->priv;

	dm_lock(dm);
	if (d->dmac == gone)
		d->dmac = NULL;
	dm_unlock(dm);
}

static void *isadisk_backing(struct devmodel *dm, size_t *len)
{
	struct isadisk *d = dm->priv;

	if (len)
		*len = d->capacity;
	return d->image;
}

static void isadisk_resources(const struct devmodel *dm,
			      struct devmodel_resources *res)
{
	const struct isadisk *d = dm->priv;

	res->io_base = d->io;
	res->io_len = ISADISK_IO_LEN;
	res->irq = d->irq;
	res->dma_channel = d->chan;
	res->dma_width = 24;
}

static const struct devmodel_param isadisk_params[] = {
	{ "io", "0x320", "first I/O port (8 ports)" },
	{ "irq", "5", "interrupt line" },
	{ "dma", "1", "8237 channel: 0-3 (8-bit) or 5-7 (16-bit)" },
	{ "capacity", "1M", "disk size in bytes (K/M suffixes)" },
	{ "sector", "512", "sector size in bytes, a power of two 128..4096" },
	{ "fill", "zero", "initial contents: zero or pattern" },
	{ "latency", "0", "microseconds from command to completion (0: at once)" },
	{ "dmac", "", "i8237 instance to use (default: the machine's)" },
	{ NULL, NULL, NULL }
};

static const struct devmodel_ops isadisk_ops = {
	.priv_size = sizeof(struct isadisk),
	.counters = isadisk_counters,
	.init = isadisk_init,
	.attach = isadisk_attach,
	.detach = isadisk_detach,
	.destroy = isadisk_destroy,
	.resources = isadisk_resources,
	.backing = isadisk_backing,
	.sync = isadisk_sync,
	.forget = isadisk_forget,
};

const struct devmodel_type isadisk_type = {
	.name = "isa-disk",
	.summary = "ISA block device transferring sectors through an 8237 channel",
	.params = isadisk_params,
	.ops = &isadisk_ops,
};
