/*
 * <sys/conf.h> - how a driver describes itself to the kernel: the DDI 8
 * driver model (drvinfo(D4), drvops(D4), config(D2), devinfo(D2),
 * drv_attach(D3)) and the devflag(D1) bits of every version.
 *
 * DDI 8.  A driver fills a drvops_t with its entry points and a
 * drvinfo_t naming it (drv_name must equal the CM_MODNAME of its boards)
 * and calls drv_attach(&info) from its _load routine.  The system then
 * calls d_config(CFG_ADD, &idata, key) once for every board record whose
 * CM_MODNAME is drv_name; the driver stores its per-board instance
 * pointer through idata (*(void **)idata = ...), and every later call for
 * that board gets that pointer back: d_open(idata, &channel, ...),
 * d_ioctl(idata, channel, ...).  CFG_SUSPEND/CFG_RESUME pause and resume
 * an instance, CFG_MODIFY hands it new parameters, CFG_REMOVE ends it
 * (the driver frees idata), CFG_VERIFY asks whether the parameters of key
 * describe hardware the driver can drive (idata is then NULL).  Hotplug
 * subfunctions (all but CFG_ADD and CFG_VERIFY) are only used for
 * drivers that set D_HOT.  _unload calls drv_detach(&info) after every
 * instance has been removed.
 *
 * Entry point results are 0 or an errno value (devinfo: EOPNOTSUPP for a
 * parameter the driver does not supply).
 *
 * Versions: drvinfo_t, drvops_t, cfg_func_t, channel_t, drv_attach and
 * drv_detach are DDI 8 (not declared under _DDI 5..7; declared in the
 * permissive mode).  di_parm_t: DI_BCBP exists before DDI 8 only (the
 * single bcb of the old devinfo(dev, parm, valp)); DI_RBCBP, DI_WBCBP,
 * DI_SIZE, DI_PHYS_HINT are DDI 8; DI_MEDIA is in every version.  The
 * devflag bits are in every version (D_HOT, D_MOD and D_RANDOM are
 * drv_flags bits of DDI 8).
 *
 * drv_attach(info) returns 0, or EINVAL (bad drvinfo: NULL ops or name,
 * a name longer than 15 characters), EEXIST (svr5ddi: a driver of that
 * name is attached already).  drv_detach(info) removes the driver; with
 * instances still configured that is a driver bug, reported as
 *	svr5ddi: drv_detach: bad argument: driver "NAME": N instances configured at FILE:LINE
 * and the system then removes them itself (CFG_REMOVE each).  Both are
 * process-context calls (they may sleep), as is every config entry call.
 * With site capture on (SVR5DDI_NO_SITE_MACROS off) drv_attach(i) and
 * drv_detach(i) name drv_attach_site / drv_detach_site.
 */
#ifndef _SVR5DDI_SYS_CONF_H
#define _SVR5DDI_SYS_CONF_H

#include <sys/types.h>
#include <sys/buf.h>
#include <sys/confmgr.h>

/* devflag(D1) and drv_flags bits */
#define D_NEW		0x00	/* new-style driver */
#define D_OLD		0x01	/* old-style driver (unsupported) */
#define D_DMA		0x02	/* driver does DMA */
#define D_SEEKNEG	0x04	/* negative seek offsets are fine */
#define D_TAPE		0x08	/* tape device */
#define D_NOBRKUP	0x10	/* no buf breakup wanted */
#define D_INITPUB	0x20	/* public device by default */
#define D_NOSPECMACDATA	0x40	/* no MAC check on data transfer */
#define D_RDWEQ		0x80	/* MAC: read and write need equality */
#define SECMASK		(D_INITPUB | D_NOSPECMACDATA | D_RDWEQ)
#define D_MP		0x100	/* multiprocessor-safe */
#define D_UPF		0x200	/* STREAMS: UP-friendly multiplexor */
#define D_BLKOFF	0x400	/* understands b_blkoff */
#define D_RANDOM	0x800	/* DDI 8: random access (b_blkno matters) */
#define D_HOT		0x1000	/* DDI 8: supports the hotplug subfunctions */
#define D_MOD		0x2000	/* DDI 8: a STREAMS module */

#ifndef _SVR5DDI_CRED_T
#define _SVR5DDI_CRED_T
typedef struct cred cred_t;		/* credentials: opaque to drivers */
#endif
#ifndef _SVR5DDI_QUEUE_T
#define _SVR5DDI_QUEUE_T
typedef struct queue queue_t;		/* STREAMS queue: opaque here */
#endif

/* devinfo(D2) parameters */
typedef enum di_parm {
	DI_BCBP = 0,		/* before DDI 8: (bcb_t *) for every transfer */
	DI_MEDIA = 1,		/* (char *) media type string */
	DI_RBCBP = 2,		/* DDI 8: (bcb_t *) for B_READ */
	DI_WBCBP = 3,		/* DDI 8: (bcb_t *) for B_WRITE */
	DI_SIZE = 4,		/* DDI 8: (devsize_t) device size */
	DI_PHYS_HINT = 5	/* DDI 8: (physreq_t *) preferred memory */
} di_parm_t;

/*
 * DI_SIZE result: blocks and the bytes beyond them (0: unlimited).  blkno
 * is SCO's daddr_t, a long (spelled out here: the kernel's own daddr_t,
 * an int, is in scope where svr5ddi itself includes this header).
 */
typedef struct devsize {
	long		blkno;
	ushort_t	blkoff;
} devsize_t;

#if !defined(_DDI) || _DDI >= 8

/* config(D2) subfunctions */
typedef enum cfg_func {
	CFG_ADD,		/* a new instance: *(void **)idata = instance */
	CFG_SUSPEND,		/* stop using the hardware for now */
	CFG_RESUME,		/* carry on after CFG_SUSPEND */
	CFG_MODIFY,		/* take new parameters from key */
	CFG_REMOVE,		/* the instance is gone: free it */
	CFG_VERIFY		/* are key's parameters this driver's hardware? */
} cfg_func_t;

typedef uint_t channel_t;		/* sub-device of an instance */

struct streamtab;

typedef struct drvops {
	int (*d_config)(cfg_func_t, void *, rm_key_t);
	int (*d_open)(void *, channel_t *, int, cred_t *, queue_t *);
	int (*d_close)(void *, channel_t, int, cred_t *, queue_t *);
	int (*d_devinfo)(void *, channel_t, di_parm_t, void *);
	void (*d_biostart)(void *, channel_t, buf_t *);
	int (*d_ioctl)(void *, channel_t, int, void *, int, cred_t *, int *);
	int (*d_drvctl)(void *, channel_t, int, void *);
	ppid_t (*d_mmap)(void *, channel_t, size_t, int);
} drvops_t;

#ifndef _SVR5DDI_DRVINFO_T
#define _SVR5DDI_DRVINFO_T
typedef struct drvinfo drvinfo_t;
#endif

struct drvinfo {
	const drvops_t		*drv_ops;	/* entry points */
	const char		*drv_name;	/* = the boards' CM_MODNAME */
	uint_t			drv_flags;	/* D_MP, D_HOT, D_RANDOM... */
	const struct streamtab	*drv_str;	/* STREAMS drivers; else NULL */
	channel_t		drv_maxchan;	/* highest channel number */
};

/* (info) */
int drv_attach(const drvinfo_t *);
int drv_attach_site(const drvinfo_t *, const char *, int);
void drv_detach(const drvinfo_t *);
void drv_detach_site(const drvinfo_t *, const char *, int);

#ifndef SVR5DDI_NO_SITE_MACROS
#define drv_attach(info)	drv_attach_site((info), __FILE__, __LINE__)
#define drv_detach(info)	drv_detach_site((info), __FILE__, __LINE__)
#endif

#endif /* DDI 8 */

#endif /* _SVR5DDI_SYS_CONF_H */
