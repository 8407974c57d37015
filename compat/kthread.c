/* placeholder: kthread.c is being written */
