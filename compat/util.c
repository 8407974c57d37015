/* placeholder: util.c is being written */
