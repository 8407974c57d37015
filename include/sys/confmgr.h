/*
 * <sys/confmgr.h> - the configuration manager: the resource-manager
 * database of boards and their parameters (cm_*(D3), cm_args(D4)), and
 * interrupt attachment (cm_intr_attach(D3)).
 *
 * THE DATABASE.  Every board instance is a record named by an rm_key_t.
 * A record holds parameters (names of at most RM_MAXPARAMLEN - 1
 * characters, <sys/cm_i386at.h> lists the standard ones), and each
 * parameter holds an ordered list of values: byte strings whose length
 * the writer chose (a cm_num_t, a cm_range_t, a NUL-terminated string).
 * cm_getval reads the cm_n-th value of (cm_key, cm_param); cm_addval
 * appends one; cm_delval removes them all.  The board records themselves
 * are made by the system (in svr5ddi: by the porting harness, or by the
 * kernel glue from the Linux device it binds; see <svr5ddi/drvreg.h>).
 *
 * RETURN VALUES (SCO's):
 *	cm_getval	0; EINVAL (args, cm_param NULL, bad key); ENOENT (no
 *			cm_n-th value); ENOSPC (cm_vallen too small).  On 0 and
 *			ENOSPC cm_vallen is set to the value's real length.
 *	cm_addval	0; EINVAL (args or cm_param NULL, bad key, cm_vallen 0,
 *			read-only parameter); ENOMEM (svr5ddi: no memory).
 *	cm_delval	0; EINVAL (as cm_addval); ENOENT (no value to delete).
 *	cm_getnbrd	number of records whose CM_MODNAME is the name.
 *	cm_getbrdkey	the key of the relbrd-th of those, or RM_NULL_KEY.
 *	cm_read_devconfig, cm_write_devconfig
 *			bytes moved, or -1 (bad key, no configuration space,
 *			range outside it).
 *	cm_intr_attach	number of interrupts attached (0 or 1 here).
 *
 * TRANSACTIONS (DDI 8).  cm_begin_trans(key, RM_READ or RM_RDWR) and
 * cm_end_trans(key) bracket every DDI 8 database access.  Any number of
 * RM_READ transactions on a record may be pending at once; RM_RDWR waits
 * until no other transaction is pending on the record, and RM_READ waits
 * while an RM_RDWR one is.  A context must not begin a transaction while
 * it has one pending (on any record).  cm_addval and cm_delval need an
 * RM_RDWR transaction; cm_getval either mode.  cm_read_devconfig and
 * cm_write_devconfig must be called with NO transaction pending.  Before
 * DDI 8 there are no transactions: each call is atomic by itself.
 *
 * VERSIONS (define _DDI before including; undefined is the permissive
 * set: every call, with the pre-DDI 8 meaning where a name has two):
 *	cm_getval, cm_addval, cm_delval, cm_read_devconfig,
 *	cm_write_devconfig, cm_devconfig_size, cm_intr_detach	every version
 *	cm_begin_trans, cm_end_trans, cm_abort_trans		DDI 8
 *	cm_getnbrd, cm_getbrdkey				before DDI 8
 *	cm_intr_attach(key, int (*)(void *), idata, drvinfo_t *, cookiep)
 *								DDI 8
 *	cm_intr_attach(key, void (*)(int), devflagp, cookiep)	before 8
 *		and permissive.  The name is an object-like macro for
 *		cm_intr_attach_ddi8 or cm_intr_attach_ddi7; the exported
 *		function cm_intr_attach is the DDI 8 form.
 *
 * ENTRY POINTS (the link contract).  Each F below also has F_site, which
 * takes the same arguments followed by (const char *file, int line):
 *	cm_getval cm_addval cm_delval cm_begin_trans cm_end_trans
 *	cm_intr_attach cm_intr_attach_ddi7 cm_intr_detach
 *	cm_read_devconfig cm_write_devconfig
 * With site capture on (the default; SVR5DDI_NO_SITE_MACROS turns it off)
 * calls are function-like macros naming F_site, so misuse reports carry
 * the driver's FILE:LINE.  cm_getval, cm_addval and cm_delval map to
 * their _site forms only under _DDI 8: the _site forms enforce the DDI 8
 * transaction rule, the plain functions give the pre-DDI 8 behaviour (an
 * implicit atomic access when the caller has no transaction pending).
 *
 * MISUSE (one line each, <svr5ddi/ddictl.h> format):
 *	svr5ddi: cm_getval: lock not held: key K param "P": no transaction pending at FILE:LINE
 *	svr5ddi: cm_addval: lock not held: key K param "P": no RM_RDWR transaction pending at FILE:LINE
 *	svr5ddi: cm_begin_trans: recursive lock: key K: transaction on key K2 already pending at FILE:LINE
 *	svr5ddi: cm_begin_trans: bad argument: key K: mode M at FILE:LINE
 *	svr5ddi: cm_begin_trans: wrong context: key K: in interrupt or atomic context at FILE:LINE
 *	svr5ddi: cm_end_trans: lock not held: key K: no transaction pending at FILE:LINE
 *	svr5ddi: cm_read_devconfig: wrong context: key K: transaction pending at FILE:LINE
 *	svr5ddi: cm_intr_attach: no device: key K: no CM_IRQ value at FILE:LINE
 *	svr5ddi: cm_intr_attach: bad argument: key K: ... at FILE:LINE
 *	svr5ddi: cm_intr_detach: bad argument: cookie 0xADDR: not attached at FILE:LINE
 *	svr5ddi: intr: bad argument: handler of key K returned N (not ISTAT_*)
 *		(once per attachment; the interrupt is taken as handled)
 * (K is the key in hex.)  The call then goes on as documented: an access
 * without a transaction is performed atomically, a second begin is
 * ignored, an unmatched end does nothing.
 */
#ifndef _SVR5DDI_SYS_CONFMGR_H
#define _SVR5DDI_SYS_CONFMGR_H

#include <sys/types.h>
#include <sys/cm_i386at.h>

/* A resource-manager record (board instance). */
typedef uint_t rm_key_t;

#define RM_NULL_KEY	((rm_key_t)0)	/* "no record" */
#define RM_KEY		((rm_key_t)~0U)	/* the resource manager's own record */
#define RM_MAXPARAMLEN	16		/* parameter name with its NUL */

/* cm_begin_trans modes */
#define RM_READ		1		/* read-only: shared */
#define RM_RDWR		2		/* read/write: exclusive */

/* Platform-independent parameters. */
#define CM_TYPE		"TYPE"		/* record type, CM_TYPE_* */
#define CM_MODNAME	"MODNAME"	/* name of the driver the board is for */
#define CM_ENTRYTYPE	"ENTRYTYPE"	/* how the record was made, CM_ENTRY_* */

#define CM_TYPE_BRDINST		1	/* a board instance */
#define CM_ENTRY_DEFAULT	0x01	/* made by the configuration tools */
#define CM_ENTRY_DRVOWNED	0x02	/* maintained by the driver */

/* Interrupt handler (intr(D2)) results, DDI 8. */
#define ISTAT_ASSERTED	0		/* this device interrupted */
#define ISTAT_ASSUMED	1		/* could not tell: assume it did */
#define ISTAT_NONE	2		/* not this device's interrupt */

typedef struct cm_args {
	rm_key_t	cm_key;		/* record */
	char		*cm_param;	/* parameter name */
	void		*cm_val;	/* value buffer */
	size_t		cm_vallen;	/* its length in bytes; set on return */
	uint_t		cm_n;		/* which value (0: the first) */
} cm_args_t;

#ifndef _SVR5DDI_DRVINFO_T
#define _SVR5DDI_DRVINFO_T
typedef struct drvinfo drvinfo_t;	/* <sys/conf.h> */
#endif

/*
 * Prototypes, without parameter names (a driver macro must not be able
 * to break them).
 */
/* (args): every version */
int cm_getval(cm_args_t *);
int cm_getval_site(cm_args_t *, const char *, int);
int cm_addval(cm_args_t *);
int cm_addval_site(cm_args_t *, const char *, int);
int cm_delval(cm_args_t *);
int cm_delval_site(cm_args_t *, const char *, int);

/* (key, offset, buf, nbytes), (key): every version */
int cm_read_devconfig(rm_key_t, size_t, void *, size_t);
int cm_read_devconfig_site(rm_key_t, size_t, void *, size_t,
			   const char *, int);
int cm_write_devconfig(rm_key_t, size_t, void *, size_t);
int cm_write_devconfig_site(rm_key_t, size_t, void *, size_t,
			    const char *, int);
size_t cm_devconfig_size(rm_key_t);

/* (cookie): every version */
void cm_intr_detach(void *);
void cm_intr_detach_site(void *, const char *, int);

#if !defined(_DDI) || _DDI < 8
/* (modname), (modname, relbrd): before DDI 8 (config(D2) replaced them) */
int cm_getnbrd(char *);
rm_key_t cm_getbrdkey(char *, int);
#endif

#if !defined(_DDI) || _DDI >= 8
/* (key, mode), (key): DDI 8 */
void cm_begin_trans(rm_key_t, int);
void cm_begin_trans_site(rm_key_t, int, const char *, int);
void cm_end_trans(rm_key_t);
void cm_end_trans_site(rm_key_t, const char *, int);
void cm_abort_trans(rm_key_t);
#endif

/*
 * cm_intr_attach: DDI 8 form (key, handler(idata), idata, drvinfo,
 * cookiep) and the older form (key, handler(irq), devflagp, cookiep).
 * Both entry points always exist; the name means the driver's version's.
 */
int cm_intr_attach_ddi8(rm_key_t, int (*)(void *), void *,
			const drvinfo_t *, void **);
int cm_intr_attach_ddi8_site(rm_key_t, int (*)(void *), void *,
			     const drvinfo_t *, void **, const char *, int);
int cm_intr_attach_ddi7(rm_key_t, void (*)(int), int *, void **);
int cm_intr_attach_ddi7_site(rm_key_t, void (*)(int), int *, void **,
			     const char *, int);

#if defined(_DDI) && _DDI >= 8
#define cm_intr_attach		cm_intr_attach_ddi8
#else
#define cm_intr_attach		cm_intr_attach_ddi7
#endif

#ifndef SVR5DDI_NO_SITE_MACROS
#if !defined(_DDI) || _DDI >= 8
#define cm_begin_trans(key, mode) \
	cm_begin_trans_site((key), (mode), __FILE__, __LINE__)
#define cm_end_trans(key)	cm_end_trans_site((key), __FILE__, __LINE__)
#endif
#if defined(_DDI) && _DDI >= 8
#define cm_getval(args)		cm_getval_site((args), __FILE__, __LINE__)
#define cm_addval(args)		cm_addval_site((args), __FILE__, __LINE__)
#define cm_delval(args)		cm_delval_site((args), __FILE__, __LINE__)
#define cm_intr_attach_ddi8(key, handler, idata, infop, cookiep) \
	cm_intr_attach_ddi8_site((key), (handler), (idata), (infop), \
				 (cookiep), __FILE__, __LINE__)
#else
#define cm_intr_attach_ddi7(key, handler, devflagp, cookiep) \
	cm_intr_attach_ddi7_site((key), (handler), (devflagp), (cookiep), \
				 __FILE__, __LINE__)
#endif
#define cm_intr_detach(cookie)	cm_intr_detach_site((cookie), __FILE__, __LINE__)
#define cm_read_devconfig(key, off, buf, n) \
	cm_read_devconfig_site((key), (off), (buf), (n), __FILE__, __LINE__)
#define cm_write_devconfig(key, off, buf, n) \
	cm_write_devconfig_site((key), (off), (buf), (n), __FILE__, __LINE__)
#endif /* !SVR5DDI_NO_SITE_MACROS */

#endif /* _SVR5DDI_SYS_CONFMGR_H */
