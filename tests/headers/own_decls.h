/*
 * own_decls.h - the declarations a legacy driver writes itself (used by
 * own_decls.c): full prototypes for some calls, K&R ones for others.
 */
extern void *kmem_alloc(size_t size, int flag);
extern void *kmem_zalloc();
extern void kmem_free(void *addr, size_t size);
extern void *kmem_alloc_physreq();
extern struct physreq *physreq_alloc(int flag);
extern void physreq_free();
extern enum boolean physreq_prep();
extern struct bcb *bcb_alloc();
extern void bcb_free(struct bcb *bcbp);
extern ulong_t btop();
