var KINDS=Symbol.for("waba-kit.error.kinds");var WhatsAppError=class extends Error{static kind="WhatsAppError";code;provider;constructor(message,options={}){
super(message,options.cause===void 0?void 0:{cause:options.cause});this.name=new.target.kind;this.code=options.code??"wh\
atsapp_error";this.provider=options.provider;const kinds=[];for(let p=new.target.prototype;p&&p!==Error.prototype;p=Object.
getPrototypeOf(p)){kinds.push(p.constructor.kind);}Object.defineProperty(this,KINDS,{value:kinds,enumerable:false});}};var ConfigError=class extends WhatsAppError{static kind="\
ConfigError";issues;constructor(message,options={}){super(message,{code:"config_invalid",...options});this.issues=options.
issues??[];}};var ValidationError=class extends WhatsAppError{static kind="ValidationError";issues;constructor(message,options={}){
super(message,{code:"validation_failed",...options});this.issues=options.issues??[];}};var TemplateError=class extends WhatsAppError{static kind="TemplateError";issues;status;providerCode;requestId;body;constructor(message,options={}){
super(message,{code:"template_invalid",...options});this.issues=options.issues??[];this.status=options.status;this.providerCode=
options.providerCode;this.requestId=options.requestId;this.body=options.body;}};var QuotaStoreError=class extends WhatsAppError{static kind="QuotaStoreError";constructor(message,options={}){super(message,
{code:"quota_store_unavailable",...options});}};var AbortError=class extends WhatsAppError{static kind="AbortError";constructor(message="The request was aborted by its \
AbortSignal.",options={}){super(message,{code:"aborted",...options});}};function guard(kind){return error=>{if(typeof error!=="object"||error===null)return false;const kinds=error[KINDS];return Array.
isArray(kinds)&&kinds.includes(kind)}}var isWhatsAppError=guard("WhatsAppError");

export { AbortError, ConfigError, QuotaStoreError, TemplateError, ValidationError, isWhatsAppError };
