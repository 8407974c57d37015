/* placeholder: genalloc.c is being written */
