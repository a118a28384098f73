/*
 * fuzz_validate: the field validators (NI number, dates, card numbers, ...).
 * The first byte picks the validator, the rest is the value (as a C string,
 * as the router hands it over).
 */
#include "fuzz.h"
#include "validate.h"

static const validator_fn validators[] = {
	v_text, v_title, v_longtext, v_email, v_password, v_id, v_phone, v_ni_number,
	v_date, v_birth_date, v_card_number, v_hse_number, v_once_token
};
#define NV (sizeof(validators) / sizeof(*validators))

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char *in, *out, *again;
	size_t cap, k;
	long long num = 0, num2 = 0;
	const char *msg;

	if (len < 1)
		return 0;
	k = data[0] % (NV + 2);
	in = fuzz_string(data + 1, len - 1);
	cap = strlen(in) + 32;
	out = malloc(cap);
	again = malloc(cap);
	if (k < NV) {
		msg = validators[k](in, out, cap, &num);
		if (msg == NULL) {
			FUZZ_ASSERT(strlen(out) < cap);
			/* A normalised value is good and stays as it is. */
			FUZZ_ASSERT(validators[k](out, again, cap, &num2) == NULL);
			FUZZ_ASSERT(strcmp(out, again) == 0 && num == num2);
		} else
			FUZZ_ASSERT(msg[0] != '\0');
	} else if (k == NV) {
		if (strlen(in) == 8)
			(void)card_check_digit_ok(in);
		(void)utf8_chars(in);
		(void)utf8_clean(in, data[0] & 1);
	} else if (len >= 17) {
		long long ymd, today;

		/* As the callers give them: yyyymmdd numbers. */
		memcpy(&ymd, data + 1, 8);
		memcpy(&today, data + 9, 8);
		ymd = (long long)((unsigned long long)ymd % 100000000ULL);
		today = (long long)((unsigned long long)today % 100000000ULL);
		(void)birth_date_rule(ymd, today);
	}
	free(in);
	free(out);
	free(again);
	return 0;
}
