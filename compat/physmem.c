/* placeholder: physmem.c is being written */
