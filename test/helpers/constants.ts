export const TEMPLATE_DB = 'disclosure_test_template';
export const TEST_DEMO_PASSWORD = 'demo';
