/*
 * <sys/moddefs.h> - loadable-module wrappers: MOD_DRV_WRAPPER and its
 * siblings (the "wrapper" a loadable SVR5 module defines once).
 *
 * A loadable driver names its load, unload and halt routines in one
 * wrapper macro at file scope:
 *	static int xx_load(void), xx_unload(void);
 *	MOD_DRV_WRAPPER(xx, xx_load, xx_unload, NULL, "xx - my driver");
 * The macro defines the object `xx_wrapper' (struct modwrapper below),
 * which is what the module loader looks for: svr5ddi's porting harness
 * finds it by that name (dlsym "PREFIX_wrapper"), calls mw_load when the
 * driver is loaded (0 or an errno value; non-zero fails the load),
 * mw_unload when it is unloaded (non-zero, e.g. EBUSY, refuses), and
 * mw_halt at shutdown.  load, unload and halt may be NULL (nothing to
 * do).  The prefix string lets the loader find the prefix entry points
 * of pre-DDI 8 drivers (PREFIXopen, PREFIXintr, PREFIXdevflag...).
 *
 * A DDI 8 driver may instead define the global functions _load(void) and
 * _unload(void) (the harness then calls those), and attach itself with
 * drv_attach(D3) from _load.
 *
 * Wrappers (type, then the arguments):
 *	MOD_DRV_WRAPPER(prefix, load, unload, halt, desc)	device drivers
 *	MOD_HDRV_WRAPPER(prefix, load, unload, halt, desc)	interrupt-only
 *	MOD_ACDRV_WRAPPER(prefix, load, unload, halt, verify, desc)
 *	MOD_ACHDRV_WRAPPER(prefix, load, unload, halt, verify, desc)
 *		autoconfiguring drivers: verify(rm_key_t) says whether the
 *		board at the key is the driver's (0, or ENODEV)
 *	MOD_STR_WRAPPER(prefix, load, unload, desc)		STREAMS modules
 *	MOD_MISC_WRAPPER(prefix, load, unload, desc)		other modules
 * Every version of the DDI has them.  The structure's layout is
 * svr5ddi's (drivers never touch its members).
 */
#ifndef _SVR5DDI_SYS_MODDEFS_H
#define _SVR5DDI_SYS_MODDEFS_H

#include <sys/types.h>
#include <sys/confmgr.h>

#define MODREV		1	/* struct modwrapper revision */

/* mw_type */
#define MOD_TY_DRV	1	/* device driver */
#define MOD_TY_HDRV	2	/* hardware driver without device switch */
#define MOD_TY_STR	3	/* STREAMS module */
#define MOD_TY_MISC	4	/* anything else */

struct modwrapper {
	int		mw_rev;			/* MODREV */
	int		mw_type;		/* MOD_TY_* */
	int		(*mw_load)(void);	/* _load: 0 or errno */
	int		(*mw_unload)(void);	/* _unload: 0 or errno */
	void		(*mw_halt)(void);	/* at shutdown, or NULL */
	int		(*mw_verify)(rm_key_t);	/* autoconfig verify, or NULL */
	const char	*mw_prefix;		/* the driver prefix, "xx" */
	const char	*mw_desc;		/* description string */
};

#define MOD_WRAPPER_DEF(prefix, type, load, unload, halt, verify, desc) \
	struct modwrapper prefix##_wrapper = {				\
		MODREV, (type), (load), (unload), (halt), (verify),	\
		#prefix, (desc)						\
	}

#define MOD_DRV_WRAPPER(prefix, load, unload, halt, desc)		\
	MOD_WRAPPER_DEF(prefix, MOD_TY_DRV, load, unload, halt, 0, desc)
#define MOD_HDRV_WRAPPER(prefix, load, unload, halt, desc)		\
	MOD_WRAPPER_DEF(prefix, MOD_TY_HDRV, load, unload, halt, 0, desc)
#define MOD_ACDRV_WRAPPER(prefix, load, unload, halt, verify, desc)	\
	MOD_WRAPPER_DEF(prefix, MOD_TY_DRV, load, unload, halt, verify, desc)
#define MOD_ACHDRV_WRAPPER(prefix, load, unload, halt, verify, desc)	\
	MOD_WRAPPER_DEF(prefix, MOD_TY_HDRV, load, unload, halt, verify, desc)
#define MOD_STR_WRAPPER(prefix, load, unload, desc)			\
	MOD_WRAPPER_DEF(prefix, MOD_TY_STR, load, unload, 0, 0, desc)
#define MOD_MISC_WRAPPER(prefix, load, unload, desc)			\
	MOD_WRAPPER_DEF(prefix, MOD_TY_MISC, load, unload, 0, 0, desc)

#endif /* _SVR5DDI_SYS_MODDEFS_H */
