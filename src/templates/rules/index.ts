/**
 * The rules for the template kinds beyond header/body/footer/buttons: carousels, limited-time offers and
 * authentication (OTP) templates, plus the button-grouping rule every profile checks. @internal
 * @module
 */
export { checkAuthentication } from './authentication.js';
export { checkButtonGrouping } from './buttons.js';
export { checkCarousel } from './carousel.js';
export { type AddIssue, findComponents, type RuleContext } from './context.js';
export { checkLimitedTimeOffer } from './limited-time-offer.js';
