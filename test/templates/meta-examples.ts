/**
 * Template definitions exactly as Meta documents them (create-template request bodies), each with its source
 * page. The validator must accept every one of them with the `meta` profile; the rules tests break each in one
 * place per rule.
 */

/** Copy-code authentication template. https://developers.facebook.com/docs/whatsapp/business-management-api/authentication-templates/copy-code-button-authentication-templates */
export const authCopyCode = {
  name: 'verification_code',
  language: 'en_US',
  category: 'AUTHENTICATION',
  message_send_ttl_seconds: 60,
  components: [
    { type: 'BODY', add_security_recommendation: true },
    { type: 'FOOTER', code_expiration_minutes: 10 },
    { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy Code' }] },
  ],
};

/** One-tap autofill authentication template (package_name / signature_hash on the button). https://developers.facebook.com/docs/whatsapp/business-management-api/authentication-templates/autofill-button-authentication-templates */
export const authOneTap = {
  name: 'authentication_code_autofill_button',
  language: 'en_US',
  category: 'authentication',
  message_send_ttl_seconds: 60,
  components: [
    { type: 'body', add_security_recommendation: true },
    { type: 'footer', code_expiration_minutes: 10 },
    {
      type: 'buttons',
      buttons: [
        {
          type: 'otp',
          otp_type: 'one_tap',
          text: 'Copy Code',
          autofill_text: 'Autofill',
          package_name: 'com.example.luckyshrub',
          signature_hash: 'K8a/AINcGX7',
        },
      ],
    },
  ],
};

/** One-tap with `supported_apps` (the form Meta documents for several apps). Same page as {@link authOneTap}. */
export const authOneTapSupportedApps = {
  name: 'authentication_code_autofill_apps',
  language: 'en_US',
  category: 'AUTHENTICATION',
  components: [
    { type: 'BODY', add_security_recommendation: true },
    { type: 'FOOTER', code_expiration_minutes: 5 },
    {
      type: 'BUTTONS',
      buttons: [
        {
          type: 'OTP',
          otp_type: 'ONE_TAP',
          text: 'Copy Code',
          autofill_text: 'Autofill',
          supported_apps: [
            { package_name: 'com.example.luckyshrub', signature_hash: 'K8a/AINcGX7' },
            { package_name: 'com.example.luckyshrub.beta', signature_hash: 'Q7b/XINcGX9' },
          ],
        },
      ],
    },
  ],
};

/** Zero-tap authentication template. https://developers.facebook.com/docs/whatsapp/business-management-api/authentication-templates/zero-tap-authentication-templates */
export const authZeroTap = {
  name: 'zero_tap_auth_template',
  language: 'en_US',
  category: 'AUTHENTICATION',
  message_send_ttl_seconds: 60,
  components: [
    { type: 'BODY', add_security_recommendation: true },
    { type: 'FOOTER', code_expiration_minutes: 5 },
    {
      type: 'BUTTONS',
      buttons: [
        {
          type: 'OTP',
          otp_type: 'ZERO_TAP',
          text: 'Copy Code',
          autofill_text: 'Autofill',
          zero_tap_terms_accepted: true,
          supported_apps: [{ package_name: 'com.example.luckyshrub', signature_hash: 'K8a/AINcGX7' }],
        },
      ],
    },
  ],
};

/** Limited-time offer template. https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/limited-time-offer-templates */
export const limitedTimeOffer = {
  name: 'limited_time_offer_caribbean_pkg_2023',
  language: 'en_US',
  category: 'marketing',
  components: [
    { type: 'header', format: 'image', example: { header_handle: ['4::aW1hZ2UvanBlZw==:ARa...'] } },
    { type: 'limited_time_offer', limited_time_offer: { text: 'Expiring offer!', has_expiration: true } },
    {
      type: 'body',
      text: 'Good news, {{1}}! Use code {{2}} to get 25% off all Caribbean Destination packages!',
      example: { body_text: [['Pablo', 'CARIBE25']] },
    },
    {
      type: 'buttons',
      buttons: [
        { type: 'copy_code', example: 'CARIBE25' },
        {
          type: 'url',
          text: 'Book now!',
          url: 'https://awesomedestinations.com/offers?code={{1}}',
          example: ['https://awesomedestinations.com/offers?ref=n3mtql'],
        },
      ],
    },
  ],
};

/** Media card carousel template. https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/media-card-carousel-templates */
export const mediaCarousel = {
  name: 'summer_carousel_promo_2023',
  language: 'en_US',
  category: 'marketing',
  components: [
    {
      type: 'body',
      text: 'Summer is here, and we have the freshest produce around! Use code {{1}} to get {{2}} off your next order.',
      example: { body_text: [['15OFF', '15%']] },
    },
    {
      type: 'carousel',
      cards: [0, 1].map(() => ({
        components: [
          { type: 'header', format: 'image', example: { header_handle: ['4::an...'] } },
          {
            type: 'body',
            text: 'Rare lemons for unique cocktails. Use code {{1}} to get {{2}} off all produce.',
            example: { body_text: [['15OFF', '15%']] },
          },
          {
            type: 'buttons',
            buttons: [
              { type: 'quick_reply', text: 'Send more like this' },
              {
                type: 'url',
                text: 'Buy now',
                url: 'https://www.luckyshrub.com/shop?promo={{1}}',
                example: ['https://www.luckyshrub.com/shop?promo=exotic_produce_2023'],
              },
            ],
          },
        ],
      })),
    },
  ],
};

/** Product card carousel template. https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/product-card-carousel-templates */
export const productCarousel = {
  name: 'product_carousel_template',
  language: 'en_US',
  category: 'marketing',
  components: [
    {
      type: 'body',
      text: 'Rare succulents for sale! {{1}}, add these unique plants to your collection.',
      example: { body_text: [['Pablo']] },
    },
    {
      type: 'carousel',
      cards: [0, 1].map(() => ({
        components: [
          { type: 'header', format: 'product' },
          { type: 'buttons', buttons: [{ type: 'spm', text: 'View' }] },
        ],
      })),
    },
  ],
};

/** Catalog template. https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/catalog-templates */
export const catalogTemplate = {
  name: 'intro_catalog_offer',
  language: 'en_US',
  category: 'MARKETING',
  components: [
    {
      type: 'BODY',
      text: 'Now shop for your favourite products right here on WhatsApp! Get Rs {{1}} off on all orders above {{2}}Rs! Valid for your first {{3}} orders placed on WhatsApp!',
      example: { body_text: [['100', '400', '3']] },
    },
    { type: 'FOOTER', text: 'Best grocery deals on WhatsApp!' },
    { type: 'BUTTONS', buttons: [{ type: 'CATALOG', text: 'View catalog' }] },
  ],
};

/** Multi-product (MPM) template. https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/mpm-templates */
export const mpmTemplate = {
  name: 'abandoned_cart',
  language: 'en_US',
  category: 'MARKETING',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Forget something, {{1}}?', example: { header_text: ['Pablo'] } },
    {
      type: 'BODY',
      text: 'Looks like you left these items in your cart, still interested? Use code {{1}} to get 10% off!',
      example: { body_text: [['10OFF']] },
    },
    { type: 'BUTTONS', buttons: [{ type: 'MPM', text: 'View items' }] },
  ],
};

/** Flow template (navigate to a screen). https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/flows-templates */
export const flowTemplate = {
  name: 'example_template_name',
  language: 'en_US',
  category: 'MARKETING',
  components: [
    { type: 'body', text: 'This is a flows as template demo' },
    {
      type: 'BUTTONS',
      buttons: [
        {
          type: 'FLOW',
          text: 'Open flow!',
          flow_id: '<flow-id>',
          navigate_screen: 'Flows Json screen name',
          flow_action: 'navigate',
        },
      ],
    },
  ],
};

/** Coupon (copy code) template with a quick reply. https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/coupon-templates */
export const couponTemplate = {
  name: 'coupon_code_fall2023_25off',
  language: 'en_US',
  category: 'MARKETING',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Our Fall Sale is on!' },
    {
      type: 'BODY',
      text: 'Shop now through November and use code {{1}} to get {{2}} off of all merchandise!',
      example: { body_text: [['25OFF', '25%']] },
    },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'QUICK_REPLY', text: 'Unsubscribe' },
        { type: 'COPY_CODE', example: '250FF' },
      ],
    },
  ],
};

/** Every documented example, by name. */
export const META_EXAMPLES = {
  authCopyCode,
  authOneTap,
  authOneTapSupportedApps,
  authZeroTap,
  limitedTimeOffer,
  mediaCarousel,
  productCarousel,
  catalogTemplate,
  mpmTemplate,
  flowTemplate,
  couponTemplate,
} as const;
