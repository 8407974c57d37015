/* placeholder */
#include "check_util.h"
static Suite *make_suite(void) { Suite *s = suite_create("sync"); return s; }
CHECK_MAIN(make_suite)
