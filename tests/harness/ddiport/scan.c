/* SPDX-License-Identifier: MIT */
/*
 * scan.c - which DDI symbols a driver uses, and which libsvr5ddi lacks.
 *
 * The driver's undefined symbols are read from its ELF symbol table: the
 * dynamic one (.dynsym) of a shared object, else .symtab of a relocatable
 * object.  Weak undefined symbols (the C runtime's optional hooks) are
 * not uses.  libsvr5ddi's exports are the defined global symbols of its
 * own .dynsym (the version script leaves exactly the EXPORT_SYMBOLs
 * there); dlsym() is not used because it would also find the C
 * library's functions, which a kernel does not have.  A few functions the
 * compiler emits calls to by itself even in freestanding code (memcpy,
 * memset, memmove, memcmp; the stack protector) exist in every kernel;
 * they are "host" symbols, neither provided nor missing.
 *
 * A site-capture entry point (F_site, <sys/kmem.h>) and a versioned one
 * (F_ddiN, <sys/confmgr.h>) are shown under the name the source wrote, F.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <svr5ddi/ddictl.h>
#include "ddiport.h"

struct elf_syms {
	char **undef;
	int nundef;
	char **def;
	int ndef;
};

static void push(char ***v, int *n, const char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
}

static void free_list(char **v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read the symbols of @path into @out. */
static int elf_read(const char *path, struct elf_syms *out, char *err,
		    size_t errlen)
{
	const Elf64_Ehdr *eh;
	const Elf64_Shdr *sh, *symsec = NULL;
	size_t len, i, nsyms;
	char *img;

	memset(out, 0, sizeof(*out));
	img = read_file(path, &len);
	if (!img) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	eh = (const Elf64_Ehdr *)img;
	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG)) {
		snprintf(err, errlen, "%s: not an ELF file", path);
		goto bad;
	}
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB) {
		snprintf(err, errlen, "%s: not a 64-bit little-endian ELF object",
			 path);
		goto bad;
	}
	if (eh->e_type != ET_DYN && eh->e_type != ET_REL) {
		snprintf(err, errlen, "%s: not a shared or relocatable object "
			 "(build it with ddicc -shared or -c)", path);
		goto bad;
	}
	if (eh->e_shoff == 0 || eh->e_shentsize != sizeof(Elf64_Shdr) ||
	    eh->e_shoff > len ||
	    (size_t)eh->e_shnum * sizeof(Elf64_Shdr) > len - eh->e_shoff) {
		snprintf(err, errlen, "%s: malformed section header table", path);
		goto bad;
	}
	sh = (const Elf64_Shdr *)(img + eh->e_shoff);
	for (i = 0; i < eh->e_shnum; i++)
		if (sh[i].sh_type == SHT_DYNSYM)
			symsec = &sh[i];
	if (!symsec)
		for (i = 0; i < eh->e_shnum; i++)
			if (sh[i].sh_type == SHT_SYMTAB)
				symsec = &sh[i];
	if (!symsec) {
		snprintf(err, errlen, "%s: no symbol table", path);
		goto bad;
	}
	if (symsec->sh_link >= eh->e_shnum ||
	    symsec->sh_entsize != sizeof(Elf64_Sym) ||
	    symsec->sh_offset > len || symsec->sh_size > len - symsec->sh_offset ||
	    sh[symsec->sh_link].sh_offset > len ||
	    sh[symsec->sh_link].sh_size > len - sh[symsec->sh_link].sh_offset) {
		snprintf(err, errlen, "%s: malformed symbol table", path);
		goto bad;
	}
	nsyms = symsec->sh_size / sizeof(Elf64_Sym);
	for (i = 1; i < nsyms; i++) {
		const Elf64_Sym *sym = (const Elf64_Sym *)(img +
					symsec->sh_offset) + i;
		const Elf64_Shdr *strs = &sh[symsec->sh_link];
		unsigned char bind = ELF64_ST_BIND(sym->st_info);
		unsigned char type = ELF64_ST_TYPE(sym->st_info);
		const char *name;

		if (sym->st_name >= strs->sh_size)
			continue;
		name = img + strs->sh_offset + sym->st_name;
		if (!memchr(name, '\0', strs->sh_size - sym->st_name) || !*name)
			continue;
		if (type == STT_SECTION || type == STT_FILE)
			continue;
		if (sym->st_shndx == SHN_UNDEF) {
			if (bind == STB_GLOBAL)
				push(&out->undef, &out->nundef, name);
		} else if (bind == STB_GLOBAL || bind == STB_WEAK) {
			push(&out->def, &out->ndef, name);
		}
	}
	free(img);
	return 0;
bad:
	free(img);
	return -1;
}

const char *libsvr5ddi_path(void)
{
	static char path[4096];
	Dl_info info;

	if (path[0])
		return path;
	if (!dladdr((void *)svr5ddi_get_stats, &info) || !info.dli_fname)
		return NULL;
	snprintf(path, sizeof(path), "%s", info.dli_fname);
	return path;
}

static const char *const host_syms[] = {
	"memcpy", "memset", "memmove", "memcmp", "__stack_chk_fail",
	"__stack_chk_guard",
};

static bool in_sorted(char **v, int n, const char *s)
{
	return n && bsearch(&s, v, (size_t)n, sizeof(*v), cmp_str);
}

/* F_site -> F, F_ddiN -> F, F_ddiN_site -> F */
static char *source_name(const char *sym)
{
	char *n = xstrdup(sym);
	size_t len = strlen(n);

	if (len > 5 && !strcmp(n + len - 5, "_site"))
		n[len -= 5] = '\0';
	if (len > 5 && !strncmp(n + len - 5, "_ddi", 4) &&
	    n[len - 1] >= '5' && n[len - 1] <= '8')
		n[len - 5] = '\0';
	return n;
}

static int cmp_sym(const void *a, const void *b)
{
	const struct scan_sym *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : strcmp(x->symbol, y->symbol);
}

int scan_driver(const char *path, const char *lib, struct scan_result *r,
		char *err, size_t errlen)
{
	struct elf_syms drv, ls;
	int i;

	memset(r, 0, sizeof(*r));
	if (elf_read(path, &drv, err, errlen))
		return -1;
	if (!lib) {
		snprintf(err, errlen, "cannot find libsvr5ddi's file");
		free_list(drv.undef, drv.nundef);
		free_list(drv.def, drv.ndef);
		return -1;
	}
	if (elf_read(lib, &ls, err, errlen)) {
		free_list(drv.undef, drv.nundef);
		free_list(drv.def, drv.ndef);
		return -1;
	}
	qsort(ls.def, (size_t)ls.ndef, sizeof(*ls.def), cmp_str);
	qsort(drv.undef, (size_t)drv.nundef, sizeof(*drv.undef), cmp_str);
	r->syms = xcalloc((size_t)drv.nundef, sizeof(*r->syms));
	for (i = 0; i < drv.nundef; i++) {
		struct scan_sym *s = &r->syms[r->nsyms];
		unsigned int h;

		if (r->nsyms && !strcmp(r->syms[r->nsyms - 1].symbol,
					drv.undef[i]))
			continue;	/* .symtab of an object may repeat */
		s->symbol = xstrdup(drv.undef[i]);
		s->name = source_name(drv.undef[i]);
		s->state = SYM_MISSING;
		if (in_sorted(ls.def, ls.ndef, s->symbol))
			s->state = SYM_PROVIDED;
		for (h = 0; s->state == SYM_MISSING &&
			    h < sizeof(host_syms) / sizeof(host_syms[0]); h++)
			if (!strcmp(s->symbol, host_syms[h]))
				s->state = SYM_HOST;
		if (s->state == SYM_MISSING)
			r->nmissing++;
		r->nsyms++;
	}
	qsort(r->syms, (size_t)r->nsyms, sizeof(*r->syms), cmp_sym);
	r->defined = drv.def;
	r->ndefined = drv.ndef;
	qsort(r->defined, (size_t)r->ndefined, sizeof(*r->defined), cmp_str);
	free_list(drv.undef, drv.nundef);
	free_list(ls.undef, ls.nundef);
	free_list(ls.def, ls.ndef);
	return 0;
}

bool scan_defines(const struct scan_result *r, const char *sym)
{
	return in_sorted(r->defined, r->ndefined, sym);
}

void scan_free(struct scan_result *r)
{
	int i;

	for (i = 0; i < r->nsyms; i++) {
		free(r->syms[i].name);
		free(r->syms[i].symbol);
	}
	free(r->syms);
	free_list(r->defined, r->ndefined);
	memset(r, 0, sizeof(*r));
}
