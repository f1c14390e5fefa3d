import { ValidationError, TemplateError, ConfigError } from './chunk-TW2LHLOH.js';

var TEMPLATE_ISSUE_CODES=Object.freeze(["template.malformed","name.required","name.format","name.too_long","language.unk\
nown","category.invalid","body.required","body.too_long","header.too_long","header.too_many_variables","header.format","\
footer.too_long","footer.has_variables","variable.malformed","variable.special_characters","variable.not_sequential","va\
riable.leading","variable.trailing","variable.mixed_format","variable.too_dense","example.missing","example.count_mismat\
ch","buttons.too_many","buttons.quick_reply_limit","buttons.cta_limit","buttons.url_limit","buttons.phone_limit","button\
s.copy_code_limit","buttons.mixed","buttons.not_grouped","button.text_required","button.text_too_long","button.url_inval\
id","button.url_variable","button.phone_invalid"]);function wrap(marker,text){const s=String(text);const match=/^(\s*)([\s\S]*?)(\s*)$/.exec(s);const[,lead="",core="",trail=""]=match??
[];return core===""?s:`${lead}${marker}${core}${marker}${trail}`}function bold(text){return wrap("*",text)}function italic(text){
return wrap("_",text)}function strike(text){return wrap("~",text)}function monospace(text){return wrap("```",text)}var TEMPLATE_LANGUAGES=Object.freeze(["af","sq","ar","az","bn","bg","ca","zh_CN","zh_HK","zh_TW","hr","cs","da","nl","en",
"en_GB","en_US","et","fil","fi","fr","de","el","gu","ha","he","hi","hu","id","ga","it","ja","kn","kk","ko","lo","lv","lt",
"mk","ms","ml","mr","nb","fa","pl","pt_BR","pt_PT","pa","ro","ru","sr","sk","sl","es","es_AR","es_ES","es_MX","sw","sv",
"ta","te","th","tr","uk","ur","uz","vi","zu"]);function isTemplateLanguage(code,languages=TEMPLATE_LANGUAGES){return typeof code===
"string"&&languages.includes(code)}var NAMESPACE=/^[A-Za-z0-9_-]+(?::[A-Za-z0-9_-]+)*$/;var NAME=/^[a-z0-9_]+$/;function issue(message,path=[]){return {code:"\
namespace.format",path,message,severity:"error"}}function parseLegacyTemplateName(input){if(typeof input!=="string"||input.
trim()===""){return {valid:false,issues:[issue('A legacy template name is a non-empty string "namespace:name", e.g. "9b6b\
4fcb_da19_4a26_8fe8_78074a91b584:verify".')]}}const at=input.lastIndexOf(":");if(at===-1){return {valid:false,issues:[issue(
`"${input}" has no namespace; legacy Vonage templates are named "namespace:name" (your WhatsApp template namespace, a co\
lon, then the template name).`)]}}const namespace=input.slice(0,at);const name=input.slice(at+1);const issues=[];if(!NAMESPACE.
test(namespace)){issues.push(issue(`The namespace "${namespace}" is ${namespace?'not valid: use letters, digits, "_" and\
 "-" only':"empty"} (it is shown in WhatsApp Manager, e.g. 9b6b4fcb_da19_4a26_8fe8_78074a91b584).`,["namespace"]));}if(!NAME.
test(name)){issues.push(issue(`The template name "${name}" is ${name?"not valid: use lowercase letters, digits and under\
scores":"empty"}.`,["name"]));}return issues.length>0?{valid:false,issues}:{valid:true,namespace,name}}function formatLegacyTemplateName(parts){
const joined=`${parts?.namespace??""}:${parts?.name??""}`;const result=parseLegacyTemplateName(joined);const bad=!result.
valid||result.namespace!==parts.namespace||result.name!==parts.name?result.valid?[issue(`The template name "${parts.name}\
" cannot contain a colon.`,["name"])]:result.issues:[];if(bad.length>0){throw new ValidationError(`Invalid legacy templa\
te name: ${bad.map(i=>i.message).join(" ")}`,{issues:bad.map(({code,path,message})=>({code,path,message}))})}return joined}var POSITIONAL=/^[1-9][0-9]*$/;var NAMED=/^[a-z_][a-z0-9_]*$/;var SPECIAL=/[#$%]/;var SINGLE_BRACE_VARIABLE=/^\s*[#$%]?\s*[0-9]+\s*$/;
function codePointLength(text){let n=0;for(const _ of text)n++;return n}function scanPlaceholders(text){const found=[];const runs=/\{+[^{}]*\}+/g;
let masked="";let last=0;for(let m=runs.exec(text);m!==null;m=runs.exec(text)){const raw=m[0];const open=raw.length-raw.
replace(/^\{+/,"").length;const close=raw.length-raw.replace(/\}+$/,"").length;const inner=raw.slice(open,raw.length-close);
const start=m.index;const end=start+raw.length;masked+=text.slice(last,start)+" ".repeat(raw.length);last=end;let kind;if(open===
2&&close===2){if(POSITIONAL.test(inner))kind="positional";else if(NAMED.test(inner))kind="named";else if(SPECIAL.test(inner))
kind="special";else kind="malformed";}else if(open>=2||close>=2){kind=SPECIAL.test(inner)&&open===close?"special":"malfor\
med";}else if(SINGLE_BRACE_VARIABLE.test(inner)){kind="malformed";}if(kind)found.push({kind,raw,name:inner,start,end});}masked+=
text.slice(last);const stray=/\{\{|\}\}/g;for(let m=stray.exec(masked);m!==null;m=stray.exec(masked)){found.push({kind:"\
malformed",raw:m[0],name:"",start:m.index,end:m.index+2});}return found.sort((a,b)=>a.start-b.start)}function variablesOf(text){
return scanPlaceholders(text).filter(p=>p.kind==="positional"||p.kind==="named")}function fillPlaceholders(text,lookup){
let out="";let last=0;for(const v of variablesOf(text)){const value=lookup(v);out+=text.slice(last,v.start)+(value===void 0?
v.raw:value);last=v.end;}return out+text.slice(last)}function isRecord(value){return typeof value==="object"&&value!==null&&!Array.isArray(value)}function str(value){return typeof value===
"string"?value:void 0}function upper(value){return typeof value==="string"?value.toUpperCase():void 0}function describe(value){
if(value===null)return "null";if(Array.isArray(value))return "an array";return typeof value==="object"?"an object":`a ${typeof value}`}
function componentsOf(template){const out={};if(!isRecord(template)||!Array.isArray(template.components))return out;template.
components.forEach((c,index)=>{if(!isRecord(c))return;const type=upper(c.type);if((type==="HEADER"||type==="BODY"||type===
"FOOTER"||type==="BUTTONS")&&!out[type]){out[type]={index,value:c};}});return out}function buttonsOf(component){const list=component?.
value.buttons;if(!Array.isArray(list))return [];return list.map(b=>isRecord(b)?{type:upper(b.type)??"",value:b}:void 0)}function lookupParam(body,v){if(body===void 0||body===null||typeof body!=="object")return void 0;const value=Array.isArray(
body)?v.kind==="positional"?body[Number(v.name)-1]:void 0:v.kind==="named"&&Object.hasOwn(body,v.name)?body[v.name]:void 0;
return typeof value==="string"?value:void 0}function headerText(params){const header=isRecord(params)?params.header:void 0;
return isRecord(header)&&header.type==="text"?str(header.text):void 0}function renderTemplate(template,params={}){const c=componentsOf(
template);const out={body:"",buttons:[],text:""};const header=c.HEADER?.value;if(header){const format=upper(header.format)??
"TEXT";const text=str(header.text);if(format==="TEXT"&&text!==void 0){const value=headerText(params);out.header=fillPlaceholders(
text,()=>value);}else if(format!=="TEXT")out.headerFormat=format;}const p=isRecord(params)?params:{};const body=str(c.BODY?.
value.text);if(body!==void 0)out.body=fillPlaceholders(body,v=>lookupParam(p.body,v));const footer=str(c.FOOTER?.value.text);
if(footer!==void 0)out.footer=footer;const given=Array.isArray(p.buttons)?p.buttons:[];buttonsOf(c.BUTTONS).forEach((b,index)=>{
if(!b)return;const found=given.find(g=>isRecord(g)&&g.index===index);const param=isRecord(found)?found:void 0;const rendered={
type:b.type,text:str(b.value.text)??""};if(b.type==="URL"){const url=str(b.value.url);const suffix=param?.type==="url"?str(
param.text):void 0;if(url!==void 0)rendered.url=fillPlaceholders(url,()=>suffix);}else if(b.type==="PHONE_NUMBER"){const phone=str(
b.value.phone_number);if(phone!==void 0)rendered.phoneNumber=phone;}else if(b.type==="QUICK_REPLY"&&param?.type==="quick_\
reply"&&typeof param.payload==="string"){rendered.payload=param.payload;}else if(b.type==="COPY_CODE"){if(!rendered.text)
rendered.text="Copy code";if(param?.type==="copy_code"&&typeof param.code==="string")rendered.code=param.code;}out.buttons.
push(rendered);});const parts=[out.header??(out.headerFormat?`[${out.headerFormat}]`:void 0),out.body,out.footer,out.buttons.
length>0?out.buttons.map(b=>`[ ${b.text} ]`).join("\n"):void 0];out.text=parts.filter(p2=>p2!==void 0&&p2!=="").join("\n\n");
return out}var MAX_RENDERED_BODY_LENGTH=1024;var META_CODES={"params.count_mismatch":132e3,"params.invalid_whitespace":132018,"para\
ms.body_too_long":132005,"params.button_missing":131008,"params.empty_value":131008,"params.button_mismatch":131009,"par\
ams.header_mismatch":132012};var HEADER_PARAM_TYPES={TEXT:"text",IMAGE:"image",VIDEO:"video",GIF:"video",DOCUMENT:"docum\
ent",LOCATION:"location"};var BAD_WHITESPACE=/[\n\r\t]| {5,}/;function checkTemplateParams(template,params={}){const issues=[];
const add=(code,path,message)=>{issues.push({code,metaCode:META_CODES[code],path,message,severity:"error"});};const p=isRecord(
params)?params:{};const c=componentsOf(template);const checkValue=(value,path,label)=>{if(typeof value!=="string"||value===
""){add("params.empty_value",path,`${label} is empty; every variable needs a non-empty value.`);}else if(BAD_WHITESPACE.test(
value)){add("params.invalid_whitespace",path,`${label} contains a newline, a tab or more than 4 consecutive spaces, whic\
h Meta refuses in parameters (132018); replace them with single spaces.`);}};const header=c.HEADER?.value;const format=header?
upper(header.format)??"TEXT":void 0;const headerVars=format==="TEXT"?variablesOf(str(header?.text)??""):[];const given=isRecord(
p.header)?p.header:p.header;const givenType=isRecord(given)?str(given.type)??describe(given.type):describe(given);if(format===
void 0||format==="TEXT"&&headerVars.length===0){if(given!==void 0){add("params.count_mismatch",["header"],`The template'\
s header ${format===void 0?"does not exist":"has no variable"}; remove the header parameter.`);}}else if(format==="TEXT"){
if(given===void 0){add("params.count_mismatch",["header"],`The header has the variable ${headerVars[0]?.raw}; pass heade\
r: { type: 'text', text: '...' }.`);}else if(given.type!=="text"){add("params.header_mismatch",["header","type"],`The hea\
der is TEXT but the parameter is ${given.type}; pass { type: 'text', text }.`);}else checkValue(given.text,["header","tex\
t"],"The header value");}else {const expected=HEADER_PARAM_TYPES[format];if(!isRecord(given)||given.type!==expected){add("\
params.header_mismatch",["header"],`The header is ${format}; pass header: { type: '${expected??format.toLowerCase()}', .\
.. }${given!==void 0?` instead of ${givenType}`:""}.`);}}const bodyText=str(c.BODY?.value.text)??"";const vars=variablesOf(
bodyText);const body=p.body;const positional=vars.filter(v=>v.kind==="positional");const named=[...new Set(vars.filter(v=>v.
kind==="named").map(v=>v.name))];const expectedCount=Math.max(0,...positional.map(v=>Number(v.name)));if(named.length>0){
if(body!==void 0&&(Array.isArray(body)||!isRecord(body))){add("params.count_mismatch",["body"],`The body uses named vari\
ables (${named.join(", ")}); pass body as a record { ${named[0]}: '...' }.`);}else {const record=body??{};const missing=named.
filter(n=>!Object.hasOwn(record,n));const extra=Object.keys(record).filter(k=>!named.includes(k));if(missing.length>0||extra.
length>0){add("params.count_mismatch",["body"],`Body parameters do not match the template's variables:${missing.length>0?
` missing ${missing.join(", ")}`:""}${extra.length>0?`${missing.length>0?";":""} unknown ${extra.join(", ")}`:""}.`);}for(const n of named)
if(Object.hasOwn(record,n))checkValue(record[n],["body",n],`Body value ${n}`);}}else if(body!==void 0&&!Array.isArray(body)){
add("params.count_mismatch",["body"],expectedCount>0?`The body uses positional variables {{1}}..{{${expectedCount}}}; pa\
ss body as an array of ${expectedCount} values.`:"The body has no variables; remove the body parameters.");}else {const values=body??
[];if(values.length!==expectedCount){add("params.count_mismatch",["body"],`The body has ${expectedCount} variable${expectedCount===
1?"":"s"} but ${values.length} value${values.length===1?" was":"s were"} given; pass exactly one value per variable, in \
order.`);}values.slice(0,expectedCount).forEach((v,i)=>{checkValue(v,["body",i],`Body value ${i+1}`);});}if(bodyText){const rendered=fillPlaceholders(
bodyText,v=>lookupParam(body,v));const length=codePointLength(rendered);if(length>MAX_RENDERED_BODY_LENGTH){add("params.\
body_too_long",["body"],`With the values filled in the body is ${length} characters; Meta refuses more than ${MAX_RENDERED_BODY_LENGTH}\
 (132005). Shorten the values.`);}}const defined=buttonsOf(c.BUTTONS);const buttonParams=Array.isArray(p.buttons)?p.buttons:
[];const used=new Set;buttonParams.forEach((bp,i)=>{const index=isRecord(bp)&&typeof bp.index==="number"?bp.index:-1;const def=defined[index];
const dynamicUrl=def?.type==="URL"&&variablesOf(str(def.value.url)??"").length>0;const fits=def?.type==="QUICK_REPLY"&&bp.
type==="quick_reply"||dynamicUrl&&bp.type==="url"||def?.type==="COPY_CODE"&&bp.type==="copy_code";if(!def||!fits||used.has(
index)){add("params.button_mismatch",["buttons",i],!def?`There is no button at index ${index}; button indexes count from\
 0 in the template's order.`:used.has(index)?`Button ${index} has more than one parameter.`:`Button ${index} is ${def.type}${def.
type==="URL"&&!dynamicUrl?" with a fixed URL (no parameter needed)":""}; a '${str(bp.type)??describe(bp.type)}' paramete\
r does not fit it.`);return}used.add(index);if(bp.type==="url")checkValue(bp.text,["buttons",i,"text"],`The URL suffix f\
or button ${index}`);});defined.forEach((def,index)=>{if(!def||used.has(index))return;if(def.type==="URL"&&variablesOf(str(
def.value.url)??"").length>0){add("params.button_missing",["buttons"],`Button ${index} (URL) has a variable and requires\
 a parameter: { index: ${index}, type: 'url', text: '...' } (Meta 131008).`);}else if(def.type==="COPY_CODE"){add("params\
.button_missing",["buttons"],`Button ${index} (COPY_CODE) requires the code: { index: ${index}, type: 'copy_code', code:\
 '...' } (Meta 131008).`);}});return {valid:issues.length===0,issues}}var shared={nameMaxLength:512,headerMaxLength:60,headerMaxVariables:1,footerMaxLength:60,maxUrlButtons:2,maxPhoneButtons:1,
maxCopyCodeButtons:1,buttonTextMaxLength:25,urlMaxLength:2e3,phoneMaxLength:20,densityWordsPerVariable:2};var TEMPLATE_PROFILES=Object.
freeze({strict:Object.freeze({...shared,name:"strict",categories:Object.freeze(["MARKETING","UTILITY"]),bodyMaxLength:1e3,
maxButtons:3,maxQuickReplies:3,maxCallToAction:2,maxUrlButtons:1,allowMixedButtons:false}),meta:Object.freeze({...shared,
name:"meta",categories:Object.freeze(["MARKETING","UTILITY","AUTHENTICATION"]),bodyMaxLength:1024,maxButtons:10,maxQuickReplies:10,
maxCallToAction:void 0,allowMixedButtons:true})});var HEADER_FORMATS=["TEXT","IMAGE","VIDEO","GIF","DOCUMENT","LOCATION"];var MEDIA_FORMATS=["IMAGE","VIDEO","GIF","DOCUME\
NT"];var OTHER_META_COMPONENTS=["CAROUSEL","LIMITED_TIME_OFFER","CALL_PERMISSION_REQUEST"];var TEXT_OPTIONAL_BUTTONS=["C\
OPY_CODE","OTP"];var E164=/^\+[1-9][0-9]{7,14}$/;var EMOJI=/\p{Extended_Pictographic}/u;function resolveRules(profile){if(profile===
void 0)return TEMPLATE_PROFILES.strict;if(typeof profile==="string"){const rules=TEMPLATE_PROFILES[profile];if(rules&&Object.
hasOwn(TEMPLATE_PROFILES,profile))return rules}else if(isRecord(profile)&&typeof profile.bodyMaxLength==="number"){return profile}
const message=`Unknown template profile: use 'strict', 'meta' or a TemplateRules object (e.g. { ...TEMPLATE_PROFILES.met\
a, bodyMaxLength: 1000 }).`;throw new ConfigError(message,{issues:[{code:"template.profile_unknown",path:["profile"],message}]})}
var Collector=class{issues=[];add(code,path,message,severity="error"){this.issues.push({code,path,message,severity});}};function checkPlaceholders(found,path,where,out){
for(const p of found){if(p.kind==="special"){out.add("variable.special_characters",path,`${where}: "${p.raw}" has a spec\
ial character; variables cannot contain #, $ or %. Write {{1}} (or {{name}} for named variables) and move the symbol out\
side the braces.`);}else if(p.kind==="malformed"){out.add("variable.malformed",path,`${where}: "${p.raw}" is not a well-f\
ormed variable. Write variables with two braces on each side and no spaces: {{1}}, {{2}}, ... or {{first_name}} (lowerca\
se letters, digits, underscores).`);}}return found.filter(p=>p.kind==="positional"||p.kind==="named")}function checkSequence(vars,path,where,out){
const numbers=vars.filter(v=>v.kind==="positional").map(v=>Number(v.name));if(numbers.length===0)return;const distinct=[
...new Set(numbers)];const sorted=[...distinct].sort((a,b)=>a-b);const expected=sorted.map((_,i)=>i+1);if(sorted.some((n,i)=>n!==
expected[i])){const missing=expected.filter(n=>!distinct.includes(n));out.add("variable.not_sequential",path,`${where}: \
variables must be numbered {{1}} to {{${sorted.length}}} with no gaps; found ${sorted.map(n=>`{{${n}}}`).join(", ")}${missing.
length>0?` (missing ${missing.map(n=>`{{${n}}}`).join(", ")})`:""}. Renumber them from {{1}}.`);}else if(distinct.some((n,i)=>i>
0&&n<(distinct[i-1]??0))){out.add("variable.not_sequential",path,`${where}: variables first appear out of order (${distinct.
map(n=>`{{${n}}}`).join(", ")}); reviewers may reject this. Number them in reading order.`,"warning");}}function distinctNames(vars){
return [...new Set(vars.map(v=>v.name))]}function checkNamedExamples(names,list,path,field,where,out){if(!Array.isArray(list)||
list.length===0){out.add("example.missing",path,`${where}: named variables need examples in example.${field}: [{ param_n\
ame: "${names[0]}", example: "..." }], one per variable.`);return}const given=new Map;list.forEach((entry,i)=>{const name=isRecord(
entry)?str(entry.param_name):void 0;if(name===void 0||!names.includes(name)||given.has(name)){out.add("example.count_mis\
match",[...path,i],`${where}: example.${field}[${i}] ${name===void 0?"has no param_name":given.has(name)?`repeats "${name}\
"`:`names "${name}", which is not a variable here`}; give exactly one { param_name, example } per variable (${names.join(
", ")}).`);return}given.set(name,isRecord(entry)?entry.example:void 0);});for(const name of names){const value=given.get(
name);if(!given.has(name)){out.add("example.missing",path,`${where}: no example for variable {{${name}}} in example.${field}\
.`);}else if(typeof value!=="string"||value.trim()===""){out.add("example.missing",path,`${where}: the example for {{${name}\
}} is empty; give a realistic sample value (no real customer data).`);}}}function checkPositionalExamples(count,row,present,path,field,where,out){
if(!present){out.add("example.missing",path,`${where}: ${count} variable${count===1?"":"s"} but no example.${field}; giv\
e one sample value per variable so reviewers can read the message.`);return}if(!Array.isArray(row)||row.length!==count){
out.add("example.count_mismatch",path,`${where}: example.${field} has ${Array.isArray(row)?row.length:"no list of"} valu\
e${Array.isArray(row)&&row.length===1?"":"s"} for ${count} variable${count===1?"":"s"}; give exactly one value per varia\
ble, in order.`);return}row.forEach((value,i)=>{if(typeof value!=="string"||value.trim()===""){out.add("example.missing",
[...path,i],`${where}: the example for {{${i+1}}} is empty; give a realistic sample value (no real customer data).`);}});}
function checkHeader(header,category,rules,out){const base=["components",header.index];const h=header.value;const format=upper(
h.format);if(format===void 0||!HEADER_FORMATS.includes(format)){out.add("header.format",[...base,"format"],`HEADER forma\
t ${format===void 0?"is missing":`"${String(h.format)}" is unknown`}; use one of ${HEADER_FORMATS.join(", ")}.`);return []}
const example=isRecord(h.example)?h.example:void 0;if(MEDIA_FORMATS.includes(format)){const handle=example?.header_handle;
if(!Array.isArray(handle)||handle.length===0||handle.some(x=>typeof x!=="string"||x==="")){out.add("example.missing",[...base,
"example","header_handle"],`HEADER: a ${format} header needs a sample in example.header_handle (a handle from Meta's Res\
umable Upload API).`);}return []}if(format==="LOCATION"){if(upper(category)==="AUTHENTICATION"){out.add("header.format",[...base,
"format"],"HEADER: LOCATION headers are only allowed in MARKETING and UTILITY templates.");}return []}const text=str(h.text);
const path=[...base,"text"];if(text===void 0||text.trim()===""){out.add("header.format",path,"HEADER: a TEXT header need\
s non-empty text (or drop the header).");return []}const length=codePointLength(text);if(length>rules.headerMaxLength){out.
add("header.too_long",path,`HEADER text is ${length} characters; the limit is ${rules.headerMaxLength}. Shorten it.`);}if(/[\r\n]/.
test(text)){out.add("header.format",path,"HEADER text cannot contain line breaks; keep it on one line.");}if(EMOJI.test(text)){
out.add("header.format",path,"HEADER text cannot contain emoji; move them to the body.");}const vars=checkPlaceholders(scanPlaceholders(
text),path,"HEADER",out);if(vars.length>rules.headerMaxVariables){out.add("header.too_many_variables",path,`HEADER has ${vars.
length} variables; at most ${rules.headerMaxVariables} is allowed. Move the others to the body.`);}checkSequence(vars,path,
"HEADER",out);const names=distinctNames(vars);if(names.length>0){if(vars[0]?.kind==="named"){checkNamedExamples(names,example?.
header_text_named_params,[...base,"example","header_text_named_params"],"header_text_named_params","HEADER",out);}else {const values=example?.
header_text;checkPositionalExamples(names.length,values,values!==void 0,[...base,"example","header_text"],"header_text",
"HEADER",out);}}return vars}function countWords(text,vars){let rest="";let last=0;for(const v of vars){rest+=`${text.slice(
last,v.start)} `;last=v.end;}rest+=text.slice(last);return rest.split(/\s+/).filter(w=>/[\p{L}\p{N}]/u.test(w)).length}function checkBody(body,rules,out){
if(!body){out.add("body.required",["components"],'A BODY component is required: { type: "BODY", text: "..." }.');return []}
const base=["components",body.index];const path=[...base,"text"];const text=str(body.value.text);if(text===void 0||text.
trim()===""){out.add("body.required",path,"BODY text is required and cannot be empty.");return []}const length=codePointLength(
text);if(length>rules.bodyMaxLength){out.add("body.too_long",path,`BODY text is ${length} characters; the ${rules.name} \
profile allows ${rules.bodyMaxLength}. Shorten it.`);}const vars=checkPlaceholders(scanPlaceholders(text),path,"BODY",out);
checkSequence(vars,path,"BODY",out);const trimmedStart=text.length-text.trimStart().length;const trimmedEnd=text.trimEnd().
length;const first=vars[0];const last=vars.at(-1);if(first&&first.start===trimmedStart){out.add("variable.leading",path,
`BODY starts with the variable ${first.raw}; a body cannot start with a variable. Put some fixed text before it.`);}if(last&&
last.end===trimmedEnd){out.add("variable.trailing",path,`BODY ends with the variable ${last.raw}; a body cannot end with\
 a variable. Put some fixed text (even a full stop) after it.`);}const words=countWords(text,scanPlaceholders(text));const needed=rules.
densityWordsPerVariable*vars.length+1;if(vars.length>0&&words<needed){out.add("variable.too_dense",path,`BODY has ${vars.
length} variable${vars.length===1?"":"s"} and ${words} word${words===1?"":"s"} of fixed text; Meta rejects templates wit\
h too many variables for their length. Aim for at least ${needed} words, or use fewer variables.`,"warning");}const names=distinctNames(
vars);if(names.length>0){const example=isRecord(body.value.example)?body.value.example:void 0;if(first?.kind==="named"){
checkNamedExamples(names,example?.body_text_named_params,[...base,"example","body_text_named_params"],"body_text_named_p\
arams","BODY",out);}else {const rows=example?.body_text;checkPositionalExamples(names.length,Array.isArray(rows)?rows[0]:rows,
rows!==void 0,[...base,"example","body_text"],"body_text","BODY",out);}}return vars}function checkFooter(footer,rules,out){
const path=["components",footer.index,"text"];const text=str(footer.value.text);if(text===void 0||text.trim()===""){out.
add("template.malformed",path,"FOOTER text is required; give it text or remove the footer.");return}const length=codePointLength(
text);if(length>rules.footerMaxLength){out.add("footer.too_long",path,`FOOTER text is ${length} characters; the limit is\
 ${rules.footerMaxLength}. Shorten it.`);}const found=scanPlaceholders(text);if(found.some(p=>p.kind!=="malformed")){out.
add("footer.has_variables",path,"FOOTER cannot contain variables; use fixed text and move variables to the body.");}checkPlaceholders(
found.filter(p=>p.kind==="malformed"),path,"FOOTER",out);}function checkUrlButton(b,path,rules,out){const url=str(b.url);
if(url===void 0||url.trim()===""){out.add("button.url_invalid",[...path,"url"],'URL button needs a url, e.g. "https://ww\
w.example.com/shop/{{1}}".');return}const found=scanPlaceholders(url);const vars=found.filter(p=>p.kind==="positional"||
p.kind==="named");if(found.some(p=>p.kind==="special"||p.kind==="malformed")){out.add("button.url_variable",[...path,"ur\
l"],`URL button: "${found.find(p=>p.kind==="special"||p.kind==="malformed")?.raw}" is not a valid variable; write {{1}} \
at the end of the URL.`);}if(vars.length>1){out.add("button.url_variable",[...path,"url"],`URL button has ${vars.length} \
variables; at most one is allowed, at the end of the URL.`);}else if(vars.length===1){const v=vars[0];const hostEnd=url.indexOf(
"/",url.indexOf("//")+2);if(v.end!==url.trimEnd().length){out.add("button.url_variable",[...path,"url"],`URL button: the\
 variable ${v.raw} must be at the very end of the URL (e.g. https://www.example.com/track/{{1}}).`);}else if(hostEnd===-1||
v.start<=hostEnd){out.add("button.url_variable",[...path,"url"],`URL button: the variable ${v.raw} cannot be part of the\
 domain; put it after a "/" (e.g. https://www.example.com/{{1}}).`);}else if(v.kind!=="positional"||v.name!=="1"){out.add(
"button.url_variable",[...path,"url"],`URL button: write the URL variable as {{1}}, not ${v.raw}.`);}}const length=codePointLength(
url);let parsed;try{parsed=new URL(url.replace(/\{+[^{}]*\}+/g,"x"));}catch{parsed=void 0;}if(parsed?.protocol!=="https:"||
!parsed.hostname.includes(".")||length>rules.urlMaxLength){out.add("button.url_invalid",[...path,"url"],length>rules.urlMaxLength?
`URL button url is ${length} characters; the limit is ${rules.urlMaxLength}.`:`URL button url "${url}" is not a valid ht\
tps URL; use a full address like https://www.example.com/page (short links are often rejected).`);}if(vars.length>0){const example=b.
example;if(example===void 0||Array.isArray(example)&&example.length===0){out.add("example.missing",[...path,"example"],'\
URL button with a variable needs example: ["https://www.example.com/shop/summer"] (the full URL with the variable filled\
 in).');}else if(!Array.isArray(example)||example.length!==1||typeof example[0]!=="string"||!example[0]){out.add("example\
.count_mismatch",[...path,"example"],'URL button example must be a list of exactly one full URL, e.g. ["https://www.exam\
ple.com/shop/summer"].');}}}function checkButtons(buttons,rules,out){const base=["components",buttons.index,"buttons"];const list=buttons.
value.buttons;if(!Array.isArray(list)||list.length===0){out.add("template.malformed",base,`BUTTONS needs a non-empty but\
tons array, got ${Array.isArray(list)?"an empty array":describe(list)}; remove the component if there are no buttons.`);
return}const kinds=[];list.forEach((b,i)=>{const path=[...base,i];if(!isRecord(b)){out.add("template.malformed",path,`Bu\
tton ${i} must be an object, got ${describe(b)}.`);kinds.push("INVALID");return}const type=upper(b.type)??"";kinds.push(
type);const text=str(b.text);if(text===void 0||text.trim()===""){if(!TEXT_OPTIONAL_BUTTONS.includes(type)){out.add("butt\
on.text_required",[...path,"text"],`Button ${i} (${type||"no type"}) needs a text label.`);}}else {const length=codePointLength(
text);if(length>rules.buttonTextMaxLength){out.add("button.text_too_long",[...path,"text"],`Button ${i} text is ${length}\
 characters; the limit is ${rules.buttonTextMaxLength}.`);}}if(type==="URL")checkUrlButton(b,path,rules,out);if(type==="P\
HONE_NUMBER"){const phone=str(b.phone_number);if(phone===void 0||!E164.test(phone)||codePointLength(phone)>rules.phoneMaxLength){
out.add("button.phone_invalid",[...path,"phone_number"],`Button ${i} phone_number must be E.164: "+", country code and n\
umber, digits only (e.g. +15550051310), at most ${rules.phoneMaxLength} characters.`);}}if(type==="COPY_CODE"&&(typeof b.
example!=="string"||b.example.trim()==="")){out.add("example.missing",[...path,"example"],`Button ${i} (COPY_CODE) needs\
 an example code, e.g. "25OFF".`);}if(type==="")out.add("template.malformed",[...path,"type"],`Button ${i} needs a type, \
e.g. QUICK_REPLY or URL.`);});const count=t=>kinds.filter(k=>k===t).length;const quickReplies=count("QUICK_REPLY");const calls=kinds.
length-quickReplies;const limit=(code,n,max,what)=>{if(max!==void 0&&n>max){out.add(code,base,`${n} ${what}; the ${rules.
name} profile allows at most ${max}.`);}};limit("buttons.too_many",kinds.length,rules.maxButtons,"buttons in total");limit(
"buttons.quick_reply_limit",quickReplies,rules.maxQuickReplies,"QUICK_REPLY buttons");limit("buttons.cta_limit",calls,rules.
maxCallToAction,"call-to-action buttons");limit("buttons.url_limit",count("URL"),rules.maxUrlButtons,"URL buttons");limit(
"buttons.phone_limit",count("PHONE_NUMBER"),rules.maxPhoneButtons,"PHONE_NUMBER buttons");limit("buttons.copy_code_limit",
count("COPY_CODE"),rules.maxCopyCodeButtons,"COPY_CODE buttons");if(quickReplies>0&&calls>0){if(!rules.allowMixedButtons){
out.add("buttons.mixed",base,`Quick replies and call-to-action buttons cannot be combined in the ${rules.name} profile; \
use either up to ${rules.maxQuickReplies} QUICK_REPLY buttons or up to ${rules.maxCallToAction??rules.maxButtons} call-t\
o-action buttons.`);}else {const first=kinds.indexOf("QUICK_REPLY");const last=kinds.lastIndexOf("QUICK_REPLY");if(last-first+
1!==quickReplies){out.add("buttons.not_grouped",base,"QUICK_REPLY buttons must be next to each other (all before or all \
after the call-to-action buttons).");}}}}function validateTemplate(template,options={}){const rules=resolveRules(options.
profile);const languages=options.languages??TEMPLATE_LANGUAGES;const out=new Collector;if(!isRecord(template)){out.add("\
template.malformed",[],`A template must be an object { name, language, category, components }, got ${describe(template)}\
.`);return {valid:false,issues:out.issues}}const name=str(template.name);if(name===void 0||name===""){out.add("name.requi\
red",["name"],'name is required: lowercase letters, digits and underscores, e.g. "order_update".');}else {if(!/^[a-z0-9_]+$/.
test(name)){out.add("name.format",["name"],`name "${name}" may only contain lowercase letters a-z, digits and underscore\
s, e.g. "${name.toLowerCase().replace(/[^a-z0-9_]+/g,"_")}".`);}const length=codePointLength(name);if(length>rules.nameMaxLength){
out.add("name.too_long",["name"],`name is ${length} characters; the limit is ${rules.nameMaxLength}.`);}}const language=template.
language;if(typeof language!=="string"||!languages.includes(language)){const hint=typeof language==="string"?languages.find(
l=>l.toLowerCase()===language.replace("-","_").toLowerCase()):void 0;out.add("language.unknown",["language"],typeof language!==
"string"||language===""?'language is required: a template language code such as "en_US" or "pt_BR".':`language "${language}\
" is not a supported template language${hint?`; did you mean "${hint}"?`:' (codes look like "en", "en_US", "pt_BR"); pas\
s options.languages to extend the list'}.`);}const category=upper(template.category);if(category===void 0||!rules.categories.
includes(category)){out.add("category.invalid",["category"],`category ${category===void 0?"is required":`"${String(template.
category)}" is not allowed`}; the ${rules.name} profile accepts ${rules.categories.join(", ")}.`);}const format=template.
parameter_format===void 0?"POSITIONAL":upper(template.parameter_format);if(format!=="POSITIONAL"&&format!=="NAMED"){out.
add("template.malformed",["parameter_format"],'parameter_format must be "positional" or "named".');}const components=template.
components;if(!Array.isArray(components)){out.add("template.malformed",["components"],`components must be an array of HE\
ADER, BODY, FOOTER and BUTTONS objects, got ${describe(components)}.`);out.add("body.required",["components"],'A BODY co\
mponent is required: { type: "BODY", text: "..." }.');return {valid:false,issues:out.issues}}const seen={};components.forEach(
(c,index)=>{if(!isRecord(c)){out.add("template.malformed",["components",index],`Component ${index} must be an object, go\
t ${describe(c)}.`);return}const type=upper(c.type);if(type==="HEADER"||type==="BODY"||type==="FOOTER"||type==="BUTTONS"){
if(seen[type]){out.add("template.malformed",["components",index],`More than one ${type} component; a template has at mos\
t one.`);}else seen[type]={index,value:c};}else if(type===void 0||!OTHER_META_COMPONENTS.includes(type)){out.add("template\
.malformed",["components",index,"type"],`Component ${index} has ${type===void 0?"no type":`unknown type "${String(c.type)}\
"`}; use HEADER, BODY, FOOTER or BUTTONS.`);}});const headerVars=seen.HEADER?checkHeader(seen.HEADER,category,rules,out):
[];const bodyVars=checkBody(seen.BODY,rules,out);if(seen.FOOTER)checkFooter(seen.FOOTER,rules,out);if(seen.BUTTONS)checkButtons(
seen.BUTTONS,rules,out);const all=[...headerVars.map(v=>({v,at:seen.HEADER})),...bodyVars.map(v=>({v,at:seen.BODY}))];const wrongKind=format===
"NAMED"?"positional":"named";const offender=all.find(x=>x.v.kind===wrongKind);if(offender&&(format==="POSITIONAL"||format===
"NAMED")){const mixed=all.some(x=>x.v.kind!==wrongKind);out.add("variable.mixed_format",["components",offender.at.index,
"text"],mixed?`Positional ({{1}}) and named ({{first_name}}) variables are mixed; use one style throughout the template.`:
format==="NAMED"?`parameter_format is "named" but ${offender.v.raw} is positional; write named variables like {{first_na\
me}}.`:`${offender.v.raw} is a named variable; set parameter_format: "named" (or use positional {{1}}, {{2}}, ...).`);}return {
valid:!out.issues.some(i=>i.severity==="error"),issues:out.issues}}function assertValidTemplate(template,options={}){const{
valid,issues}=validateTemplate(template,options);if(!valid){const errors=issues.filter(i=>i.severity==="error");const summary=errors.
slice(0,5).map(i=>`${i.code} at ${i.path.join(".")||"(root)"}`).join("; ");throw new TemplateError(`Template is invalid \
(${errors.length} problem${errors.length===1?"":"s"}): ${summary}${errors.length>5?"; ...":""}. See error.issues for how\
 to fix each.`,{issues:errors})}return template}

export { MAX_RENDERED_BODY_LENGTH, TEMPLATE_ISSUE_CODES, TEMPLATE_LANGUAGES, TEMPLATE_PROFILES, assertValidTemplate, bold, checkTemplateParams, codePointLength, formatLegacyTemplateName, isTemplateLanguage, italic, monospace, parseLegacyTemplateName, renderTemplate, scanPlaceholders, strike, validateTemplate };
