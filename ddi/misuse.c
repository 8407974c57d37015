/* SPDX-License-Identifier: MIT */
/*
 * misuse.c - the one table of the misuse tags of <svr5ddi/ddictl.h>:
 * svr5ddi_misuse_name() and svr5ddi_misuse_text().
 *
 * Theory
 * ------
 * Every diagnostic of the debug layer is one line
 *   "svr5ddi: CALL: TEXT: details"
 * where TEXT is the phrase of its tag (enum svr5ddi_misuse), and every
 * report counts in misuse[tag].  Tools (ddiport, the tests, a user of the
 * kernel module) need both the phrase, to recognise a line, and the
 * tag's name, to name a counter; before this file each of them kept its
 * own copy.  DDI_MISUSE_TABLE below is the only list: a tag's name is
 * made from its enum constant by the preprocessor (#tag), so it cannot
 * drift from the enum, and the phrase sits next to it.  The call sites
 * spell the phrase out in their format strings (ddi_misuse() prints the
 * text it is given); tests/misuse-text.sh checks every one of them
 * against this table, and tests/check_ddi_misuse_text.c checks the lines
 * reported at run time.
 *
 * Compile-time checks: the table has exactly SVR5DDI_MISUSE_NR entries
 * and together they name every tag below SVR5DDI_MISUSE_NR, so no tag
 * lacks an entry, none has two, and the array is indexed by the tag.
 * The table is constant data: no locking, any context.
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <svr5ddi/ddictl.h>

/* X(tag, text): tag is the enum constant without SVR5DDI_MISUSE_. */
#define DDI_MISUSE_TABLE(X)						\
	X(SIZE_MISMATCH,	"size mismatch")			\
	X(DOUBLE_FREE,		"double free")				\
	X(WILD_FREE,		"free of unknown address")		\
	X(INTERIOR_FREE,	"free of interior pointer")		\
	X(REDZONE,		"redzone overwritten")			\
	X(SLEEP_IN_ATOMIC,	"KM_SLEEP in atomic context")		\
	X(UNPREPPED_PHYSREQ,	"unprepped physreq")			\
	X(CHANGED_PHYSREQ,	"physreq changed since prep")		\
	X(FOREIGN_PHYSREQ,	"physreq not from physreq_alloc")	\
	X(SIZE_OVERFLOW,	"size overflow")			\
	X(LEAK,			"leak")					\
	X(IMPOSSIBLE,		"request can never be met")		\
	X(BAD_ARGUMENT,		"bad argument")				\
	X(LOCK_NOT_HELD,	"lock not held")			\
	X(LOCK_RECURSION,	"recursive lock")			\
	X(SLEEP_WITH_LOCK,	"sleep with a spin lock held")		\
	X(LOCK_HELD_AT_FREE,	"dealloc of a held lock")		\
	X(BAD_LEVEL,		"bad priority level")			\
	X(NO_DEVICE,		"no device")				\
	X(WRONG_CONTEXT,	"wrong context")			\
	X(LOCK_ORDER,		"lock order violation")

struct ddi_misuse_tag {
	const char *name;
	const char *text;
};

#define DDI_MISUSE_ENTRY(tag, txt) \
	[SVR5DDI_MISUSE_##tag] = { .name = #tag, .text = txt },
static const struct ddi_misuse_tag ddi_misuse_tags[] = {
	DDI_MISUSE_TABLE(DDI_MISUSE_ENTRY)
};

/* How many entries, and the set of tags they name, as constants. */
#define DDI_MISUSE_ONE(tag, txt)	+ 1
#define DDI_MISUSE_BIT(tag, txt)	| (1ULL << SVR5DDI_MISUSE_##tag)

_Static_assert(SVR5DDI_MISUSE_NR < 64, "tag set fits in a u64 mask");
_Static_assert((0 DDI_MISUSE_TABLE(DDI_MISUSE_ONE)) == SVR5DDI_MISUSE_NR,
	       "one table entry per enum svr5ddi_misuse tag");
_Static_assert((0 DDI_MISUSE_TABLE(DDI_MISUSE_BIT)) ==
	       (1ULL << SVR5DDI_MISUSE_NR) - 1,
	       "the table names every enum svr5ddi_misuse tag");
_Static_assert(ARRAY_SIZE(ddi_misuse_tags) == SVR5DDI_MISUSE_NR,
	       "the table is indexed by enum svr5ddi_misuse");

static const struct ddi_misuse_tag *ddi_misuse_entry(enum svr5ddi_misuse tag)
{
	unsigned int i = (unsigned int)tag;

	return i < ARRAY_SIZE(ddi_misuse_tags) ? &ddi_misuse_tags[i] : NULL;
}

/**
 * svr5ddi_misuse_name - the name of a misuse tag
 * @tag: an enum svr5ddi_misuse value
 *
 * Returns the enum constant without its prefix, e.g. "SIZE_MISMATCH" for
 * SVR5DDI_MISUSE_SIZE_MISMATCH, or NULL when @tag is not below
 * SVR5DDI_MISUSE_NR.  svr5ddi's own interface, no Linux counterpart.
 *
 * Context: any.
 */
const char *svr5ddi_misuse_name(enum svr5ddi_misuse tag)
{
	const struct ddi_misuse_tag *t = ddi_misuse_entry(tag);

	return t ? t->name : NULL;
}
EXPORT_SYMBOL(svr5ddi_misuse_name);

/**
 * svr5ddi_misuse_text - the phrase a misuse report carries
 * @tag: an enum svr5ddi_misuse value
 *
 * Returns the fixed text that follows "svr5ddi: CALL: " in every report
 * of @tag, e.g. "size mismatch", or NULL when @tag is not below
 * SVR5DDI_MISUSE_NR.  svr5ddi's own interface, no Linux counterpart.
 *
 * Context: any.
 */
const char *svr5ddi_misuse_text(enum svr5ddi_misuse tag)
{
	const struct ddi_misuse_tag *t = ddi_misuse_entry(tag);

	return t ? t->text : NULL;
}
EXPORT_SYMBOL(svr5ddi_misuse_text);
