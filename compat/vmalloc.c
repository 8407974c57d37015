/* placeholder: vmalloc.c is being written */
