/* placeholder */
#include "check_util.h"
static Suite *make_suite(void) { Suite *s = suite_create("genalloc"); return s; }
CHECK_MAIN(make_suite)
