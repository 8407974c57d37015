/* placeholder: page_alloc.c is being written */
