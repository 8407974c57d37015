/* placeholder: slab.c is being written */
